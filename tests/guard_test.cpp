// Checks every registered rule for what the project promises about rules:
// complete metadata, sorted unique registration, fixtures that fire and
// fixtures that do not, and documentation examples that behave as documented.

#include "support.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <set>
#include <string>
#include <vector>

namespace miglint::test {

namespace {

namespace fs = std::filesystem;

const fs::path kRuleFixtures = kSourceDir / "fixtures" / "rules";

// The argument of each MIGLINT_RULE(...) line of rules/rules.def, in order.
std::vector<std::string> rules_def_entries() {
  std::vector<std::string> entries;
  std::string text = read_text(kSourceDir / "rules" / "rules.def");
  constexpr std::string_view kMacro = "MIGLINT_RULE(";
  std::size_t line_start = 0;
  while (line_start < text.size()) {
    std::size_t line_end = text.find('\n', line_start);
    if (line_end == std::string::npos) line_end = text.size();
    std::string_view line(text.data() + line_start, line_end - line_start);
    if (line.starts_with(kMacro)) {
      std::string_view rest = line.substr(kMacro.size());
      entries.emplace_back(rest.substr(0, rest.find(')')));
    }
    line_start = line_end + 1;
  }
  return entries;
}

std::string function_name_of(std::string_view id) {
  std::string name(id);
  std::replace(name.begin(), name.end(), '-', '_');
  return name;
}

std::vector<fs::path> sql_files_in(const fs::path& dir) {
  std::vector<fs::path> files;
  for (const fs::directory_entry& entry : fs::directory_iterator(dir))
    if (entry.is_regular_file() && entry.path().extension() == ".sql") files.push_back(entry.path());
  std::sort(files.begin(), files.end());
  return files;
}

bool has_finding_of(const CheckOutcome& outcome, std::string_view id) {
  return std::any_of(outcome.findings.begin(), outcome.findings.end(),
                     [&](const Finding& finding) { return finding.rule->id == id; });
}

}  // namespace

TEST_CASE("at least one rule is registered") { CHECK(!all_rules().empty()); }

TEST_CASE("every rule's metadata is complete") {
  for (const Rule* rule : all_rules()) {
    const RuleMeta& meta = rule->meta();
    CAPTURE(meta.id);
    CHECK(!meta.id.empty());
    CHECK(!meta.summary.empty());
    CHECK(!meta.rationale.empty());
    CHECK(!meta.safe_alternative.empty());
    CHECK(!meta.bad.empty());
    CHECK(!meta.good.empty());
    CHECK(find_rule(meta.id) == rule);
  }
}

TEST_CASE("rule ids are unique and registered in id order") {
  std::vector<std::string> ids;
  for (const Rule* rule : all_rules()) ids.emplace_back(rule->meta().id);
  CHECK_MESSAGE(std::is_sorted(ids.begin(), ids.end()), "all_rules() (rules/rules.def order) is not sorted by id");
  CHECK_MESSAGE(std::adjacent_find(ids.begin(), ids.end()) == ids.end(), "a rule id is registered twice");

  // rules.def names each rule by the function in rules/<id>.cpp: the same list.
  std::vector<std::string> expected_entries;
  for (const std::string& id : ids) expected_entries.push_back(function_name_of(id));
  CHECK(rules_def_entries() == expected_entries);
}

TEST_CASE("every rule has fixtures that fire and fixtures that do not") {
  for (const Rule* rule : all_rules()) {
    std::string id(rule->meta().id);
    CAPTURE(id);
    fs::path dir = kRuleFixtures / id;
    REQUIRE_MESSAGE(fs::is_directory(dir), "missing fixture directory fixtures/rules/" << id);
    int expecting = 0, not_expecting = 0;
    for (const fs::path& file : sql_files_in(dir)) {
      std::vector<Expected> expected = expectations_in(file.filename().string(), read_text(file));
      bool expects_rule = std::any_of(expected.begin(), expected.end(), [&](const Expected& e) { return e.rule == id; });
      ++(expects_rule ? expecting : not_expecting);
    }
    CHECK_MESSAGE(expecting > 0, "no fixture in fixtures/rules/" << id << " expects " << id);
    CHECK_MESSAGE(not_expecting > 0, "every fixture in fixtures/rules/" << id << " expects " << id
                                                                        << ": add one where it must stay silent");
  }
}

TEST_CASE("every fixture directory is named after a registered rule") {
  REQUIRE(fs::is_directory(kRuleFixtures));
  for (const fs::directory_entry& entry : fs::directory_iterator(kRuleFixtures)) {
    std::string name = entry.path().filename().string();
    CAPTURE(name);
    CHECK_MESSAGE(entry.is_directory(), "fixtures/rules/ holds only one directory per rule");
    CHECK_MESSAGE(find_rule(name) != nullptr, "fixtures/rules/" << name << " names no registered rule");
  }
}

// The examples are linted as a migration in miglint's own format, at a
// target version the rule covers, with the rule on even if it is off by default.
TEST_CASE("every rule's documented examples behave as documented") {
  for (const Rule* rule : all_rules()) {
    const RuleMeta& meta = rule->meta();
    CAPTURE(meta.id);
    int pg_version = meta.versions.contains(15) ? 15 : meta.versions.last ? meta.versions.last : meta.versions.first;
    CheckSettings settings = all_rules_settings(pg_version, {std::string(meta.id)});
    auto lint_example = [&](std::string_view sql) {
      return check_text(std::string(sql), "example.sql", Layout::Miglint, settings);
    };
    CHECK_MESSAGE(has_finding_of(lint_example(meta.bad), meta.id), "the `bad` example does not fire: " << meta.bad);
    CHECK_MESSAGE(!has_finding_of(lint_example(meta.good), meta.id), "the `good` example fires: " << meta.good);
  }
}

}  // namespace miglint::test
