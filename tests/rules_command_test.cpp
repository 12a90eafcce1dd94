// `miglint rules` and `miglint explain`, run as users run them.

#include "report/rule_docs.hpp"
#include "support.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <set>
#include <sstream>

namespace miglint::test {

namespace {

std::string miglint(const std::string& arguments) { return kBinary.string() + " " + arguments; }

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

// Prose is wrapped for the terminal; compare it word for word.
std::string single_spaced(std::string_view text) {
  std::string result;
  std::istringstream in{std::string(text)};
  for (std::string word; in >> word;) result += (result.empty() ? "" : " ") + word;
  return result;
}

// An example's line as explain prints it: indented, blank lines left blank.
std::string example_line(const std::string& line) { return line.empty() ? "\n\n" : "\n    " + line + "\n"; }

}  // namespace

TEST_CASE("rules lists every rule on a line of its own, in id order") {
  CommandResult result = run(miglint("rules"));
  CHECK(result.exit_code == 0);
  std::vector<std::string> lines = lines_of(result.out);
  REQUIRE(lines.size() == all_rules().size() + 1);
  for (std::size_t i = 0; i < all_rules().size(); ++i) {
    const RuleMeta& meta = all_rules()[i]->meta();
    const std::string& line = lines[i + 1];
    CAPTURE(line);
    CHECK(line.starts_with(std::string(meta.id) + " "));
    CHECK(line.find(" " + std::string(to_string(meta.severity)) + " ") != std::string::npos);
    CHECK(line.find(meta.enabled_by_default ? " on " : " off ") != std::string::npos);
    CHECK(line.find(" " + versions_text(meta.versions) + " ") != std::string::npos);
    CHECK(line.ends_with(" " + std::string(meta.summary)));
  }
}

TEST_CASE("rules --format json gives every metadata field of every rule") {
  CommandResult result = run(miglint("rules --format json"));
  CHECK(result.exit_code == 0);
  nlohmann::json list = nlohmann::json::parse(result.out);
  REQUIRE(list.is_array());
  REQUIRE(list.size() == all_rules().size());
  const std::set<std::string> fields{"id",   "severity", "enabled_by_default", "versions", "summary", "rationale",
                                     "safe_alternative", "bad", "good", "lock"};
  for (std::size_t i = 0; i < list.size(); ++i) {
    const RuleMeta& meta = all_rules()[i]->meta();
    const nlohmann::json& rule = list[i];
    CAPTURE(meta.id);
    std::set<std::string> keys;
    for (const auto& [key, value] : rule.items()) keys.insert(key);
    CHECK(keys == fields);
    CHECK(rule["id"] == meta.id);
    CHECK(rule["severity"] == to_string(meta.severity));
    CHECK(rule["enabled_by_default"] == meta.enabled_by_default);
    auto bound = [](int version) { return version ? nlohmann::json(version) : nlohmann::json(nullptr); };
    CHECK(rule["versions"] == nlohmann::json{{"first", bound(meta.versions.first)}, {"last", bound(meta.versions.last)}});
    CHECK(rule["summary"] == meta.summary);
    CHECK(rule["rationale"] == meta.rationale);
    CHECK(rule["safe_alternative"] == meta.safe_alternative);
    CHECK(rule["bad"] == meta.bad);
    CHECK(rule["good"] == meta.good);
    if (meta.lock.mode == LockMode::None) {
      CHECK(rule["lock"].is_null());
    } else {
      CHECK(rule["lock"]["mode"] == to_string(meta.lock.mode));
      CHECK(rule["lock"]["table"] == meta.lock.table);
      CHECK(std::set<std::string>{"none", "scan", "rewrite"}.contains(rule["lock"]["effect"].get<std::string>()));
    }
  }
}

TEST_CASE("rules --format markdown prints the text of docs/rules.md") {
  CommandResult result = run(miglint("rules --format markdown"));
  CHECK(result.exit_code == 0);
  std::ostringstream expected;
  write_rules_markdown(expected, all_rules());
  CHECK(result.out == expected.str());
}

TEST_CASE("explain shows each rule's summary, reasons, alternative and examples") {
  for (const Rule* rule : all_rules()) {
    const RuleMeta& meta = rule->meta();
    CAPTURE(meta.id);
    CommandResult result = run(miglint("explain " + std::string(meta.id)));
    CHECK(result.exit_code == 0);
    CHECK(result.out.starts_with(std::string(meta.id) + "\n" + std::string(meta.summary) + "\n"));
    CHECK(single_spaced(result.out).find(single_spaced(meta.rationale)) != std::string::npos);
    CHECK(single_spaced(result.out).find(single_spaced(meta.safe_alternative)) != std::string::npos);
    std::size_t bad = result.out.find("\nBad ");
    std::size_t good = result.out.find("\nGood ");
    REQUIRE(bad != std::string::npos);
    REQUIRE(good != std::string::npos);
    for (const std::string& line : lines_of(std::string(meta.bad)))
      CHECK(result.out.find(example_line(line), bad) < good);
    for (const std::string& line : lines_of(std::string(meta.good)))
      CHECK(result.out.find(example_line(line), good) != std::string::npos);
  }
}

TEST_CASE("explain of an unknown id exits 2 and lists the valid ids") {
  CommandResult result = run(miglint("explain nope 2>&1"));
  CHECK(result.exit_code == 2);
  CHECK(result.out.find("unknown rule id 'nope'; valid ids are:") != std::string::npos);
  for (const Rule* rule : all_rules())
    CHECK(result.out.find("\n  " + std::string(rule->meta().id) + "\n") != std::string::npos);
}

TEST_CASE("rules and explain reject bad usage with exit code 2") {
  CHECK(run(miglint("rules --format xml 2>/dev/null")).exit_code == 2);
  CHECK(run(miglint("explain 2>/dev/null")).exit_code == 2);
  CHECK(run(miglint("explain syntax-error missing-down 2>/dev/null")).exit_code == 2);
}

}  // namespace miglint::test
