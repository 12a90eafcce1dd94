// The trace as an oracle for the linter: every rule fixture runs on the
// lock tests' schema, and every statement that takes SHARE or stronger on a
// table of that schema, or rewrites one, must carry a finding (or be a lock
// the linter's lock table expects), unless trace_exemptions.txt says why not.

#include "schema_database.hpp"
#include "trace_support.hpp"

#include "apply/executor.hpp"
#include "apply/trace_crosscheck.hpp"
#include "engine/check.hpp"

#include <miglint/registry.hpp>

#include <doctest/doctest.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <map>
#include <set>
#include <sstream>

namespace miglint::db_test {

namespace {

namespace fs = std::filesystem;

const fs::path kSourceDir = kTestDir.parent_path().parent_path();

struct FixtureHeader {
  Layout layout = Layout::Plain;
  std::vector<std::string> enabled_rules;  // off by default, on for this fixture
};

// The `-- miglint-test: layout=goose enable=rule` first line; pg= is not
// needed: the trace runs on the server's version.
FixtureHeader header_of(const std::string& text) {
  FixtureHeader header;
  constexpr std::string_view kHeader = "-- miglint-test:";
  std::string_view first_line = std::string_view(text).substr(0, text.find('\n'));
  if (!first_line.starts_with(kHeader)) return header;
  std::istringstream settings{std::string(first_line.substr(kHeader.size()))};
  for (std::string setting; settings >> setting;) {
    while (!setting.empty() && setting.back() == ',') setting.pop_back();
    if (setting.starts_with("layout=")) header.layout = *parse_layout(setting.substr(7));
    if (setting.starts_with("enable=")) header.enabled_rules.push_back(setting.substr(7));
  }
  return header;
}

CheckSettings default_rules_and(const std::vector<std::string>& enabled) {
  CheckSettings settings{15, {}, 1};
  for (const Rule* rule : all_rules())
    if (rule->meta().enabled_by_default ||
        std::find(enabled.begin(), enabled.end(), rule->meta().id) != enabled.end())
      settings.rules.push_back(rule);
  return settings;
}

// "fixtures/rules/x/y.sql:3" -> why the gap is accepted, from trace_exemptions.txt.
std::map<std::string, std::string> exemptions() {
  std::map<std::string, std::string> reasons;
  std::istringstream lines(read_test_file("trace_exemptions.txt"));
  for (std::string line; std::getline(lines, line);) {
    if (line.empty() || line.front() == '#') continue;
    std::size_t space = line.find(' ');
    reasons[line.substr(0, space)] = space == std::string::npos ? "" : line.substr(space + 1);
  }
  return reasons;
}

struct Tally {
  std::size_t fixtures = 0, not_runnable = 0, statements = 0, failed_statements = 0, exempted = 0;
  std::set<std::string> exemptions_used;
};

}  // namespace

TEST_CASE("trace: no rule fixture takes an unflagged lock or rewrite on an existing table") {
  auto started = std::chrono::steady_clock::now();
  TemplateDatabase schema(read_test_file("schema.sql"));
  // Transactional fixtures run in one database and are rolled back; those
  // that run in autocommit get a fresh copy each.
  TraceDatabase shared(schema);
  apply::Tracer rolling_back(shared.connection(), shared.conninfo(), {.skip_failing_statements = true, .roll_back_transactions = true});
  std::map<std::string, std::string> exempted = exemptions();
  Tally tally;
  for (const fs::directory_entry& entry : fs::recursive_directory_iterator(kSourceDir / "fixtures" / "rules")) {
    if (entry.path().extension() != ".sql") continue;
    std::string display = entry.path().lexically_relative(kSourceDir).generic_string();
    std::string text = read_test_file(entry.path().string());
    FixtureHeader header = header_of(text);
    MigrationPlan plan = plan_for_file(header.layout, InputFile{display, entry.path().string(), std::nullopt});
    RunnableMigration runnable = runnable_migration(plan, 15);
    ++tally.fixtures;
    if (!runnable.errors.empty() || apply::unrunnable_reason(runnable.up)) {
      ++tally.not_runnable;
      continue;
    }
    apply::MigrationTrace trace;
    if (runnable.up.transactional()) {
      trace = rolling_back.trace(display, "", runnable.up);
    } else {
      TraceDatabase fresh(schema);
      trace = apply::Tracer(fresh.connection(), fresh.conninfo(), {.skip_failing_statements = true}).trace(display, "", runnable.up);
    }
    tally.statements += trace.statements.size();
    tally.failed_statements += trace.skipped_statements;
    std::vector<Finding> findings = check({plan}, default_rules_and(header.enabled_rules)).findings;
    for (const apply::UnflaggedLock& gap : apply::unflagged_locks(trace, findings)) {
      std::string where = display + ":" + std::to_string(gap.step->statement.start.line);
      if (exempted.contains(where)) {
        ++tally.exempted;
        tally.exemptions_used.insert(where);
        continue;
      }
      FAIL_CHECK(where << ": " << apply::kUnflaggedLockId << ": " << gap.message << "\n  " << gap.step->statement.sql);
    }
  }
  for (const auto& [where, reason] : exempted)
    CHECK_MESSAGE(tally.exemptions_used.contains(where), "trace_exemptions.txt: " << where << " exempts nothing");
  auto seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  MESSAGE(tally.fixtures << " fixtures (" << tally.not_runnable << " not runnable), " << tally.statements
                         << " statements traced, " << tally.failed_statements << " failed on the schema and skipped, "
                         << tally.exempted << " gaps exempted, in " << seconds << " s");
}

}  // namespace miglint::db_test
