#pragma once

// Helpers shared by the test files.

#include "engine/check.hpp"

#include <miglint/registry.hpp>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>
#include <vector>

namespace miglint::test {

inline const std::filesystem::path kSourceDir = MIGLINT_SOURCE_DIR;
inline const std::filesystem::path kBinary = MIGLINT_BINARY;
// ../shared beside the repository; absent in a user's clone.
inline const std::filesystem::path kSharedDir = kSourceDir / ".." / "shared";

// The rules `miglint check` runs when told nothing, plus those named in `enable`.
inline CheckSettings all_rules_settings(int pg_version = 15, const std::vector<std::string>& enable = {}) {
  CheckSettings settings{pg_version, {}, 1};
  for (const Rule* rule : all_rules())
    if (rule->meta().enabled_by_default ||
        std::find(enable.begin(), enable.end(), rule->meta().id) != enable.end())
      settings.rules.push_back(rule);
  return settings;
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

// A scratch directory removed at the end of the test.
struct ScratchDir {
  std::filesystem::path path;
  ScratchDir() {
    std::string pattern = (std::filesystem::temp_directory_path() / "miglint-cli-XXXXXX").string();
    path = ::mkdtemp(pattern.data());
  }
  ~ScratchDir() { std::filesystem::remove_all(path); }
  std::filesystem::path write(const std::string& name, std::string_view text) const {
    std::filesystem::path file = path / name;
    std::filesystem::create_directories(file.parent_path());
    std::ofstream(file, std::ios::binary) << text;
    return file;
  }
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

// Options from a fixture's `-- miglint-test: pg=11 layout=goose enable=rule-id` first line.
struct FixtureOptions {
  int pg_version = 15;
  Layout layout = Layout::Plain;
  std::vector<std::string> enable;  // rules that are off by default, turned on for this fixture
};
FixtureOptions fixture_options(const std::string& text);

std::string read_text(const std::filesystem::path& path);

}  // namespace miglint::test
