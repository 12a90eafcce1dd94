#include "apply/executor.hpp"
#include "apply/scratch_cluster.hpp"
#include "apply/seed_rows.hpp"
#include "apply/trace.hpp"
#include "apply/trace_crosscheck.hpp"
#include "cli/commands.hpp"
#include "cli/examples.hpp"
#include "cli/database_options.hpp"
#include "cli/scratch_target.hpp"
#include "cli/trace_output.hpp"
#include "engine/check.hpp"

#include <iostream>
#include <memory>
#include <set>

namespace miglint::cli {

namespace {

struct TraceCommandOptions {
  DatabaseOptions database;  // the paths and how to read them
  ScratchOptions scratch;
  long long seed_rows = 0;
  std::string format = "tty";
};

// The findings of every migration, each group under its own config, for the
// server the trace ran on.
std::vector<Finding> lint(const std::vector<ConfiguredMigrations>& groups, int server_major) {
  std::vector<Finding> findings;
  for (const ConfiguredMigrations& group : groups) {
    CheckSettings settings{server_major, group.config.rules_to_run(), 0, group.config.config().placeholders};
    settings.keep_statement_text = true;  // how unflagged_locks() tells a statement's findings
    CheckOutcome outcome = check(group.plans, settings);
    apply_policies(outcome.findings, group.config);
    std::move(outcome.findings.begin(), outcome.findings.end(), std::back_inserter(findings));
  }
  return findings;
}

int run_trace(const TraceCommandOptions& options) {
  std::vector<ConfiguredMigrations> groups = discover_configured(options.database);
  ScratchTarget target(options.scratch, "miglint_trace");
  std::cerr << "miglint: tracing on " << target.description() << '\n';
  apply::Connection connection(target.conninfo(), "miglint trace");
  const int server_major = connection.server_major_version();
  std::vector<Finding> findings = lint(groups, server_major);

  apply::Tracer tracer(connection, target.conninfo());
  std::set<std::string> seeded;
  std::vector<TracedMigration> traced;
  bool stopped = false;
  for (const ConfiguredMigrations& group : groups) {
    for (const MigrationPlan& plan : group.plans) {
      if (stopped) break;
      TracedMigration& migration = traced.emplace_back();
      if (options.seed_rows > 0) migration.seed = apply::seed_rows(connection, options.seed_rows, seeded);
      RunnableMigration runnable = runnable_migration(plan, server_major);
      std::optional<std::string> unrunnable = runnable.errors.empty() ? apply::unrunnable_reason(runnable.up)
                                                                      : runnable.errors.front();
      if (unrunnable)
        migration.trace = {plan.id, plan.name, runnable.up.transactional(), {}, "cannot be run: " + *unrunnable, 0};
      else
        migration.trace = tracer.trace(plan.id, plan.name, runnable.up);
      migration.unflagged = apply::unflagged_locks(migration.trace, findings);
      // Later migrations build on this one.
      stopped = migration.trace.failure.has_value();
    }
  }
  if (options.format == "json")
    write_trace_json(std::cout, traced, connection.server_version_num());
  else
    write_trace_text(std::cout, traced);
  bool clean = !stopped;
  for (const TracedMigration& migration : traced) clean = clean && migration.unflagged.empty();
  return clean ? kExitClean : kExitFindings;
}

}  // namespace

Command add_trace_command(CLI::App& app) {
  auto options = std::make_shared<TraceCommandOptions>();
  CLI::App* command = app.add_subcommand(
      "trace", "Run migrations on a scratch database and report the locks and rewrites each statement takes");
  DatabaseOptions& database = options->database;
  command->add_option("paths", database.paths, "Migration files, directories (recursive) or globs")->required();
  add_scratch_options(*command, options->scratch);
  command->add_option("--seed-rows", options->seed_rows,
                      "Before each migration, insert this many generated rows into every table created before it")
      ->check(CLI::NonNegativeNumber);
  command->add_option("--format", options->format, "Output format")->check(CLI::IsMember({"tty", "json"}))
      ->capture_default_str();
  add_reading_options(*command, database.layout, database.config, database.no_config);
  command->footer(std::string(kTraceExamples));
  return {command, [options] {
            try {
              return run_trace(*options);
            } catch (const apply::ScratchClusterError& error) {
              std::cerr << "miglint: " << error.what() << '\n';
              return kExitUsage;
            }
          }};
}

}  // namespace miglint::cli
