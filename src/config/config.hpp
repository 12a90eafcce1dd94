#pragma once

#include "source/placeholders.hpp"

#include <miglint/migration.hpp>
#include <miglint/rule.hpp>
#include <miglint/severity.hpp>

#include <filesystem>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace miglint {

// Where a setting was written, for messages that point the user at it.
struct ConfigOrigin {
  std::filesystem::path file;
  int line = 0;
};

// A list of rule ids as the config file wrote it.
struct RuleList {
  std::vector<const Rule*> rules;
  ConfigOrigin origin;
};

struct SeverityOverride {
  const Rule* rule = nullptr;
  Severity severity = Severity::Warning;
};

// The rule choices that [per-path."<glob>"] may change.
struct RuleChoices {
  std::optional<RuleList> select;  // replaces the default rules
  std::optional<RuleList> extend_select;
  std::optional<RuleList> ignore;
  std::vector<SeverityOverride> severity;
};

struct PathOverride {
  std::string glob;  // relative to the config file's directory
  ConfigOrigin origin;
  RuleChoices choices;
};

// miglint.toml: every key is optional.
struct Config {
  std::filesystem::path file;  // empty: no config file
  std::optional<int> pg_version;
  std::optional<Layout> layout;
  std::optional<Severity> fail_on;
  RuleChoices choices;
  std::vector<PathOverride> per_path;  // in file order; later entries win
  std::vector<Placeholder> placeholders;
  bool runner_sets_lock_timeout = false;
};

// A config file that cannot be used: the message starts with file:line:column.
struct ConfigError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

inline constexpr const char* kConfigNames[] = {"miglint.toml", ".miglint.toml"};

Config parse_config(const std::string& text, const std::filesystem::path& file);
Config load_config(const std::filesystem::path& file);

// The nearest miglint.toml or .miglint.toml in `start` or a directory above it.
std::optional<std::filesystem::path> find_config(const std::filesystem::path& start);

}  // namespace miglint
