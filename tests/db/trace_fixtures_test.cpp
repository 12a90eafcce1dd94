// The trace as an oracle for the linter: every rule fixture runs on the
// lock tests' schema and the tables trace_schema.sql adds, and every
// statement that takes SHARE or stronger on a table of theirs, or rewrites
// one, must carry a finding (or be a lock the linter's lock table expects),
// unless trace_exemptions.txt says why not.

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

// The rules `miglint check` runs by default, plus those the fixture enables,
// less `disabled`.
CheckSettings rules_for(const std::vector<std::string>& enabled, const std::vector<std::string>& disabled) {
  CheckSettings settings;
  settings.jobs = 1;  // fixtures are traced one at a time
  settings.keep_statement_text = true;
  auto listed = [](const std::vector<std::string>& ids, std::string_view id) {
    return std::find(ids.begin(), ids.end(), id) != ids.end();
  };
  for (const Rule* rule : all_rules())
    if ((rule->meta().enabled_by_default || listed(enabled, rule->meta().id)) && !listed(disabled, rule->meta().id))
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

struct Gap {
  std::string where;  // fixtures/rules/x/y.sql:3
  std::string message;
  std::string sql;
};

struct OracleRun {
  std::size_t fixtures = 0, not_runnable = 0, statements = 0, failed_statements = 0;
  std::vector<Gap> gaps;
};

// Traces every fixture under fixtures/rules/`rule_directory` on the lock
// tests' schema and lints it without `disabled_rules`: the gaps between them.
// Transactional fixtures run in one database and are rolled back; those that
// run in autocommit get a fresh copy of the schema each.
OracleRun trace_fixtures(const TemplateDatabase& schema, const std::string& rule_directory,
                         const std::vector<std::string>& disabled_rules = {}) {
  TraceDatabase shared(schema);
  apply::Tracer rolling_back(shared.connection(), shared.conninfo(),
                             {.skip_failing_statements = true, .roll_back_transactions = true});
  OracleRun run;
  for (const fs::directory_entry& entry :
       fs::recursive_directory_iterator(kSourceDir / "fixtures" / "rules" / rule_directory)) {
    if (entry.path().extension() != ".sql") continue;
    std::string display = entry.path().lexically_relative(kSourceDir).generic_string();
    FixtureHeader header = header_of(read_test_file(entry.path().string()));
    MigrationPlan plan = plan_for_file(header.layout, InputFile{display, entry.path().string(), std::nullopt});
    RunnableMigration runnable = runnable_migration(plan, 15);
    ++run.fixtures;
    if (!runnable.errors.empty() || apply::unrunnable_reason(runnable.up)) {
      ++run.not_runnable;
      continue;
    }
    apply::MigrationTrace trace;
    if (runnable.up.transactional()) {
      trace = rolling_back.trace(display, "", runnable.up);
    } else {
      TraceDatabase fresh(schema);
      trace = apply::Tracer(fresh.connection(), fresh.conninfo(), {.skip_failing_statements = true})
                  .trace(display, "", runnable.up);
    }
    run.statements += trace.statements.size();
    run.failed_statements += trace.skipped_statements;
    std::vector<Finding> findings = check({plan}, rules_for(header.enabled_rules, disabled_rules)).findings;
    for (const apply::UnflaggedLock& gap : apply::unflagged_locks(trace, findings))
      run.gaps.push_back({display + ":" + std::to_string(gap.step->statement.start.line), gap.message,
                          gap.step->statement.sql});
  }
  return run;
}

}  // namespace

TEST_CASE("trace: no rule fixture takes an unflagged lock or rewrite on an existing table") {
  auto started = std::chrono::steady_clock::now();
  TemplateDatabase schema(read_test_file("schema.sql") + read_test_file("trace_schema.sql"));
  OracleRun run = trace_fixtures(schema, "");
  std::map<std::string, std::string> exempted = exemptions();
  std::set<std::string> exemptions_used;
  for (const Gap& gap : run.gaps) {
    if (exempted.contains(gap.where))
      exemptions_used.insert(gap.where);
    else
      FAIL_CHECK(gap.where << ": " << apply::kUnflaggedLockId << ": " << gap.message << "\n  " << gap.sql);
  }
  for (const auto& exemption : exempted)
    CHECK_MESSAGE(exemptions_used.contains(exemption.first),
                  "trace_exemptions.txt: " << exemption.first << " exempts nothing");
  auto seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  MESSAGE(run.fixtures << " fixtures (" << run.not_runnable << " not runnable), " << run.statements
                       << " statements traced, " << run.failed_statements << " failed on the schema and skipped, "
                       << exemptions_used.size() << " gaps exempted, in " << seconds << " s");
}

TEST_CASE("trace: the fixture oracle finds the rewrites of ALTER COLUMN TYPE once the rules that report them are off") {
  TemplateDatabase schema(read_test_file("schema.sql") + read_test_file("trace_schema.sql"));
  OracleRun run = trace_fixtures(schema, "changing-column-type",
                                 {"changing-column-type", "table-rewrite", "require-lock-timeout"});
  std::string gaps;
  for (const Gap& gap : run.gaps) gaps += gap.where + ": " + gap.message + "\n";
  INFO(gaps);
  CHECK(!run.gaps.empty());
  for (const Gap& gap : run.gaps) CHECK(gap.message.starts_with("rewrite of "));
}

}  // namespace miglint::db_test
