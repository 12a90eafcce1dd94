#include "config/config.hpp"

#include "config/path_glob.hpp"
#include "config/suggest.hpp"
#include "source/read_file.hpp"

#include <miglint/registry.hpp>

#include <toml++/toml.h>

#include <array>
#include <vector>

namespace miglint {

namespace fs = std::filesystem;

namespace {

constexpr std::array<std::string_view, 10> kKeys{
    "pg_version", "layout", "select", "ignore", "extend_select", "severity", "fail_on", "per-path", "placeholders",
    "runner_sets_lock_timeout"};
constexpr std::array<std::string_view, 4> kPerPathKeys{"select", "ignore", "extend_select", "severity"};
constexpr std::array<std::string_view, 3> kSeverities{"error", "warning", "info"};

std::string joined(std::span<const std::string_view> names) {
  std::string text;
  for (std::string_view name : names) text += (text.empty() ? "" : ", ") + std::string(name);
  return text;
}

std::string type_name(const toml::node& node) {
  switch (node.type()) {
    case toml::node_type::table: return "a table";
    case toml::node_type::array: return "an array";
    case toml::node_type::string: return "a string";
    case toml::node_type::integer: return "an integer";
    case toml::node_type::floating_point: return "a float";
    case toml::node_type::boolean: return "a boolean";
    default: return "a date or time";
  }
}

std::string unknown(std::string_view what, std::string_view name, std::span<const std::string_view> valid) {
  std::string message = "unknown " + std::string(what) + " \"" + std::string(name) + "\"";
  if (std::optional<std::string> meant = closest_name(name, valid)) message += " (did you mean \"" + *meant + "\"?)";
  return message;
}

class Reader {
 public:
  explicit Reader(fs::path file) : file_(std::move(file)) {}

  Config read(const toml::table& root) {
    Config config;
    config.file = file_;
    for (const auto& [key, node] : root) {
      std::string_view name = key.str();
      if (name == "pg_version") config.pg_version = pg_version(node);
      else if (name == "layout") config.layout = layout(node);
      else if (name == "fail_on") config.fail_on = severity(node, name);
      else if (name == "per-path") config.per_path = per_path(node);
      else if (name == "placeholders") config.placeholders = placeholders(node);
      else if (name == "runner_sets_lock_timeout") config.runner_sets_lock_timeout = boolean(node, name);
      else if (!rule_choice(config.choices, name, node))
        fail(key.source(), unknown("key", name, kKeys) + "; valid keys: " + joined(kKeys));
    }
    return config;
  }

 private:
  [[noreturn]] void fail(const toml::source_region& where, const std::string& message) const {
    throw ConfigError(file_.string() + ":" + std::to_string(where.begin.line) + ":" +
                      std::to_string(where.begin.column) + ": " + message);
  }
  [[noreturn]] void wrong_type(const toml::node& node, std::string_view key, std::string_view expected) const {
    fail(node.source(), std::string(key) + " must be " + std::string(expected) + ", not " + type_name(node));
  }

  ConfigOrigin origin(const toml::node& node) const { return {file_, static_cast<int>(node.source().begin.line)}; }

  const std::string& string(const toml::node& node, std::string_view key) const {
    if (!node.is_string()) wrong_type(node, key, "a string");
    return node.as_string()->get();
  }

  bool boolean(const toml::node& node, std::string_view key) const {
    if (!node.is_boolean()) wrong_type(node, key, "true or false");
    return node.as_boolean()->get();
  }

  const toml::table& table(const toml::node& node, std::string_view key) const {
    if (!node.is_table()) wrong_type(node, key, "a table");
    return *node.as_table();
  }

  int pg_version(const toml::node& node) const {
    if (!node.is_integer()) wrong_type(node, "pg_version", "an integer, such as 15");
    std::int64_t version = node.as_integer()->get();
    if (version < 9 || version > 18)
      fail(node.source(), "pg_version " + std::to_string(version) + " is not a PostgreSQL major version miglint knows (9 to 18)");
    return static_cast<int>(version);
  }

  Layout layout(const toml::node& node) const {
    const std::string& name = string(node, "layout");
    std::optional<Layout> layout = parse_layout(name);
    std::vector<std::string_view> names = layout_names();
    if (!layout) fail(node.source(), unknown("layout", name, names) + "; valid layouts: " + joined(names));
    return *layout;
  }

  Severity severity(const toml::node& node, std::string_view key) const {
    const std::string& name = string(node, key);
    std::optional<Severity> severity = parse_severity(name);
    if (!severity) fail(node.source(), unknown("severity", name, kSeverities) + "; use error, warning or info");
    return *severity;
  }

  const Rule* rule(const toml::node& node, std::string_view id) const {
    const Rule* found = find_rule(id);
    if (found) return found;
    std::vector<std::string_view> ids;
    for (const Rule* rule : all_rules()) ids.push_back(rule->meta().id);
    fail(node.source(), unknown("rule id", id, ids) + "; `miglint rules` lists them");
  }

  RuleList rule_list(const toml::node& node, std::string_view key) const {
    if (!node.is_array()) wrong_type(node, key, "an array of rule ids, such as [\"require-concurrent-index\"]");
    RuleList list{{}, origin(node)};
    for (const toml::node& item : *node.as_array()) list.rules.push_back(rule(item, string(item, key)));
    return list;
  }

  std::vector<SeverityOverride> severities(const toml::node& node) const {
    std::vector<SeverityOverride> overrides;
    for (const auto& [key, value] : table(node, "severity"))
      overrides.push_back({rule(value, key.str()), severity(value, key.str())});
    return overrides;
  }

  // The keys both the top level and [per-path] entries take.
  bool rule_choice(RuleChoices& choices, std::string_view name, const toml::node& node) const {
    if (name == "select") choices.select = rule_list(node, name);
    else if (name == "ignore") choices.ignore = rule_list(node, name);
    else if (name == "extend_select") choices.extend_select = rule_list(node, name);
    else if (name == "severity") choices.severity = severities(node);
    else return false;
    return true;
  }

  std::vector<PathOverride> per_path(const toml::node& node) const {
    std::vector<PathOverride> overrides;
    for (const auto& [glob, entry] : table(node, "per-path")) {
      if (std::optional<std::string> problem = glob_problem(glob.str()))
        fail(glob.source(), "[per-path.\"" + std::string(glob.str()) + "\"]: " + *problem);
      PathOverride path{std::string(glob.str()), origin(entry), {}};
      for (const auto& [key, value] : table(entry, "[per-path.\"" + path.glob + "\"]"))
        if (!rule_choice(path.choices, key.str(), value))
          fail(key.source(), unknown("key", key.str(), kPerPathKeys) + " in [per-path]; valid keys: " + joined(kPerPathKeys));
      overrides.push_back(std::move(path));
    }
    return overrides;
  }

  std::vector<Placeholder> placeholders(const toml::node& node) const {
    std::vector<Placeholder> found;
    for (const auto& [pattern, replacement] : table(node, "placeholders")) {
      std::string trimmed(pattern.str());
      trimmed.erase(0, trimmed.find_first_not_of(" \t"));
      trimmed.erase(trimmed.find_last_not_of(" \t") + 1);
      if (trimmed.empty()) fail(pattern.source(), "a placeholder must not be empty");
      found.push_back({std::move(trimmed), string(replacement, "a placeholder's replacement")});
    }
    return found;
  }

  fs::path file_;
};

}  // namespace

Config parse_config(const std::string& text, const fs::path& file) {
  toml::table root;
  try {
    root = toml::parse(text, file.string());
  } catch (const toml::parse_error& error) {
    const toml::source_region& where = error.source();
    throw ConfigError(file.string() + ":" + std::to_string(where.begin.line) + ":" + std::to_string(where.begin.column) +
                      ": not valid TOML: " + std::string(error.description()));
  }
  return Reader(file).read(root);
}

Config load_config(const fs::path& file) {
  std::string error;
  std::optional<std::string> text = read_file(file.string(), error);
  if (!text) throw ConfigError(file.string() + ": cannot read the config file: " + error);
  return parse_config(*text, file);
}

std::optional<fs::path> find_config(const fs::path& start) {
  std::error_code ignored;
  for (fs::path directory = fs::absolute(start, ignored);; directory = directory.parent_path()) {
    std::vector<fs::path> present;
    for (const char* name : kConfigNames)
      if (fs::is_regular_file(directory / name, ignored)) present.push_back(directory / name);
    if (present.size() > 1)
      throw ConfigError(present[1].string() + ": " + present[0].filename().string() +
                        " is in the same directory; miglint would have to pick one. Keep one of them");
    // Relative to where miglint runs when below it, as paths in findings are.
    if (!present.empty()) return present.front().lexically_proximate(fs::current_path(ignored));
    if (directory == directory.parent_path()) return std::nullopt;
  }
}

}  // namespace miglint
