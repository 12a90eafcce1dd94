// Runs every rule over every fixture and compares the findings with the
// fixtures' inline `-- expect:` comments, strictly both ways.

#include "support.hpp"

#include "layouts/plan.hpp"
#include "parse/tokens.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <sstream>
#include <string>
#include <vector>

namespace miglint::test {

namespace {

namespace fs = std::filesystem;

const fs::path kRuleFixtures = kSourceDir / "fixtures" / "rules";
const fs::path kExamples = kSourceDir / "fixtures" / "examples";

// The fixtures/rules/<rule-id>/<case>.sql files, in path order.
std::vector<fs::path> rule_fixture_files() {
  std::vector<fs::path> files;
  if (!fs::is_directory(kRuleFixtures)) return files;
  for (const fs::directory_entry& entry : fs::recursive_directory_iterator(kRuleFixtures))
    if (entry.is_regular_file() && entry.path().extension() == ".sql") files.push_back(entry.path());
  std::sort(files.begin(), files.end());
  return files;
}

std::string relative_to_source(const fs::path& path) { return path.lexically_relative(kSourceDir).generic_string(); }

// A readable account of what differs: one line per finding that no comment
// expects and per expectation that no finding meets. Empty when they agree.
std::string difference(const std::vector<Expected>& expected, const std::vector<Expected>& actual) {
  std::vector<Expected> missing, unexpected;
  std::set_difference(expected.begin(), expected.end(), actual.begin(), actual.end(), std::back_inserter(missing));
  std::set_difference(actual.begin(), actual.end(), expected.begin(), expected.end(), std::back_inserter(unexpected));
  std::ostringstream out;
  for (const Expected& e : missing) out << "  missing    " << e.path << ":" << e.line << " " << e.rule << "\n";
  for (const Expected& e : unexpected) out << "  unexpected " << e.path << ":" << e.line << " " << e.rule << "\n";
  return out.str();
}

std::string joined(const std::vector<std::string>& lines) {
  std::string out;
  for (const std::string& line : lines) out += line + "\n";
  return out;
}

std::string describe_findings(const std::vector<Finding>& findings) {
  std::ostringstream out;
  for (const Finding& f : findings)
    out << "  found " << f.path << ":" << f.start.line << ":" << f.start.column << " [" << f.rule->id << "] "
        << f.message << "\n";
  return out.str();
}

}  // namespace

TEST_CASE("every rule fixture produces exactly the findings its comments expect") {
  std::vector<fs::path> files = rule_fixture_files();
  REQUIRE_MESSAGE(!files.empty(), "no fixtures found under " << kRuleFixtures.string());
  for (const fs::path& file : files) {
    std::string display = relative_to_source(file);
    std::string text = read_text(file);
    FixtureOptions options = fixture_options(text);
    CheckOutcome outcome = check_text(text, display, options.layout, all_rules_settings(options.pg_version, options.enable));
    CHECK_MESSAGE(outcome.errors.empty(), display << ":\n" << joined(outcome.errors));
    std::string diff = difference(expectations_in(display, text), as_expected(outcome.findings));
    CHECK_MESSAGE(diff.empty(), display << " (layout " << to_string(options.layout) << ", pg "
                                        << options.pg_version << ") differs from its expectations:\n"
                                        << diff << describe_findings(outcome.findings));
  }
}

TEST_CASE("the example migrations directory produces exactly the findings its comments expect") {
  REQUIRE(fs::is_directory(kExamples));
  std::vector<MigrationPlan> plans = discover({kExamples.string()}, {});
  REQUIRE_MESSAGE(plans.size() >= 5, "expected at least 5 example migrations, found " << plans.size());

  std::vector<Expected> expected;
  for (const MigrationPlan& plan : plans) {
    CHECK_MESSAGE(plan.layout == Layout::Miglint, plan.id << " was read as layout " << to_string(plan.layout));
    REQUIRE(plan.file.has_value());
    CHECK_FALSE(plan.down_file.has_value());
    std::vector<Expected> in_file = expectations_in(plan.file->display, read_text(plan.file->path));
    expected.insert(expected.end(), in_file.begin(), in_file.end());
  }
  std::sort(expected.begin(), expected.end());

  CheckOutcome outcome = check(plans, all_rules_settings());
  CHECK_MESSAGE(outcome.errors.empty(), joined(outcome.errors));
  std::vector<Expected> actual = as_expected(outcome.findings);

  // Each kind of finding the examples are meant to show does show.
  for (std::string_view rule : {"adding-not-null-column", "require-concurrent-index", "unbatched-update", "missing-down"})
    CHECK_MESSAGE(std::any_of(actual.begin(), actual.end(), [&](const Expected& e) { return e.rule == rule; }),
                  "the examples show no " << rule << " finding");

  std::string diff = difference(expected, actual);
  CHECK_MESSAGE(diff.empty(), "fixtures/examples differs from its expectations:\n"
                                  << diff << describe_findings(outcome.findings));
}

}  // namespace miglint::test

namespace miglint::test {

// A file that names miglint is scanned and split on its tokens; others are
// parsed whole. Both roads must find the same things in the same places.
TEST_CASE("rule fixtures give the same findings whether parsed whole or split on tokens") {
  std::size_t compared = 0;
  for (const std::filesystem::path& file : rule_fixture_files()) {
    std::string text = read_text(file);
    if (text.find("miglint") != std::string::npos) continue;
    FixtureOptions options = fixture_options(text);
    std::string display = relative_to_source(file);
    // A last line that names miglint sends the file down the token road
    // without moving anything; a file the scanner cannot finish would swallow that line.
    if (scan(text).error) continue;
    auto findings = [&](const std::string& sql) {
      std::vector<std::string> lines;
      for (const Finding& f :
           check_text(sql, display, options.layout, all_rules_settings(options.pg_version, options.enable)).findings)
        lines.push_back(std::to_string(f.start.line) + ":" + std::to_string(f.start.column) + "-" +
                        std::to_string(f.end.line) + ":" + std::to_string(f.end.column) + " " +
                        std::string(f.rule->id) + " " + f.message);
      return lines;
    };
    CHECK_MESSAGE(findings(text) == findings(text + "\n-- miglint: take the token road\n"), display);
    ++compared;
  }
  CHECK(compared > 20);
}

}  // namespace miglint::test
