#pragma once

// Helpers shared by the test files.

#include "engine/check.hpp"

#include <miglint/registry.hpp>

#include <filesystem>
#include <string>
#include <vector>

namespace miglint::test {

inline const std::filesystem::path kSourceDir = MIGLINT_SOURCE_DIR;
inline const std::filesystem::path kBinary = MIGLINT_BINARY;
// ../shared beside the repository; absent in a user's clone.
inline const std::filesystem::path kSharedDir = kSourceDir / ".." / "shared";

inline CheckSettings all_rules_settings(int pg_version = 15) {
  return {pg_version, std::vector<const Rule*>(all_rules().begin(), all_rules().end()), 1};
}

// Lints `sql` as one file of `layout` with every rule.
inline CheckOutcome lint(std::string sql, Layout layout = Layout::Plain, int pg_version = 15) {
  return check_text(std::move(sql), "test.sql", layout, all_rules_settings(pg_version));
}

inline std::vector<std::string> rule_ids(const CheckOutcome& outcome) {
  std::vector<std::string> ids;
  for (const Finding& finding : outcome.findings) ids.emplace_back(finding.rule->id);
  return ids;
}

struct CommandResult {
  int exit_code = -1;
  std::string out;
};

// Runs a shell command line and captures its standard output.
CommandResult run(const std::string& command_line);

}  // namespace miglint::test

namespace miglint::test {

// An inline expectation: `-- expect: rule-a, rule-b` on the line where
// each finding starts.
struct Expected {
  std::string path;
  int line = 0;
  std::string rule;
  auto operator<=>(const Expected&) const = default;
};

// The expectations written in a file's comments (read with libpg_query's scanner).
std::vector<Expected> expectations_in(const std::string& display_path, const std::string& text);

// The findings in the same form, for comparing with expectations.
std::vector<Expected> as_expected(const std::vector<Finding>& findings);

// Options from a fixture's `-- miglint-test: pg=11 layout=goose` first line.
struct FixtureOptions {
  int pg_version = 15;
  Layout layout = Layout::Plain;
};
FixtureOptions fixture_options(const std::string& text);

std::string read_text(const std::filesystem::path& path);

}  // namespace miglint::test
