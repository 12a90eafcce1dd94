#include "apply/executor.hpp"
#include "apply/interruption.hpp"
#include "apply/selection.hpp"
#include "cli/apply_output.hpp"
#include "cli/commands.hpp"
#include "cli/examples.hpp"
#include "cli/run_options.hpp"

#include <algorithm>
#include <iostream>
#include <memory>

namespace miglint::cli {

namespace {

struct RollbackOptions {
  DatabaseOptions database;
  RunOptions run;
  int steps = 1;
  std::optional<std::string> to;
};

// Why a migration's down part cannot undo it, or nullopt.
std::optional<std::string> missing_down(const apply::MigrationStatus& status, const RunnableMigration& runnable) {
  bool empty = std::all_of(runnable.down.statements.begin(), runnable.down.statements.end(),
                           [](const RunnableStatement& statement) { return statement.transaction_control; });
  if (!runnable.down.present || (empty && runnable.down.unrunnable.empty()))
    return status.version + " has no down part to roll it back with (none written, or an empty one)";
  if (std::optional<std::string> reason = apply::unrunnable_reason(runnable.down))
    return status.version + "'s down part cannot run: " + *reason;
  return std::nullopt;
}

int run_rollback(const RollbackOptions& options) {
  MigrationsAndHistory source(options.database);
  source.prepare_to_write(options.run);
  source.read_history();
  apply::Selection selection = apply::select_for_rollback(source.statuses(), options.steps, options.to);
  std::vector<apply::MigrationRun> runs;
  for (const apply::MigrationStatus* status : selection.migrations) {
    RunnableMigration runnable = runnable_migration(*status->plan, source.connection().server_major_version());
    for (const std::string& error : runnable.errors) selection.refusals.push_back(status->version + ": " + error);
    if (std::optional<std::string> reason = missing_down(*status, runnable)) selection.refusals.push_back(*reason);
    runs.push_back({status->version, status->name, status->file_checksum, status->row->down_checksum,
                    std::move(runnable.down), {}, std::nullopt});
  }
  if (!selection.refusals.empty()) {
    for (const std::string& refusal : selection.refusals) std::cerr << "miglint: refused: " << refusal << '\n';
    std::cerr << "miglint: nothing was rolled back\n";
    return kExitFindings;
  }
  std::size_t left_applied =
      std::count_if(source.statuses().begin(), source.statuses().end(),
                    [](const apply::MigrationStatus& status) { return status.row.has_value(); }) -
      runs.size();
  RunReporter reporter("rolled back", options.run.format == "json", !options.run.no_progress);
  // Before the executor starts its lock watch thread, which must not take the signals.
  apply::stop_gracefully_on_signals(source.connection());
  apply::Executor executor(source.connection(), source.conninfo(), source.history(), timeouts_of(options.run),
                           retry_policy_of(options.run), reporter);
  for (const apply::MigrationRun& run : runs) {
    if (int signal = apply::stop_requested()) {
      int code = stopped_before(run.version, signal);
      reporter.summary(left_applied);
      return code;
    }
    reporter.starting(run.version);
    try {
      reporter.finished(run.version, run.name, executor.roll_back(run));
    } catch (const apply::MigrationFailed& failure) {
      reporter.failed(run.version, run.name, failure.what());
      reporter.summary(left_applied);
      return exit_code_after_failure();
    }
  }
  reporter.summary(left_applied);
  return kExitClean;
}

}  // namespace

Command add_rollback_command(CLI::App& app) {
  auto options = std::make_shared<RollbackOptions>();
  CLI::App* command = app.add_subcommand("rollback", "Run the down parts of the newest applied migrations");
  add_database_options(*command, options->database);
  add_run_options(*command, options->run);
  command->add_option("--steps", options->steps, "How many migrations to roll back, newest first")
      ->check(CLI::PositiveNumber)->capture_default_str();
  command->add_option("--to", options->to, "Roll back every migration after this version, which stays applied")
      ->excludes("--steps");
  command->footer(std::string(kRollbackExamples));
  return {command, [options] { return reporting_refusals([&] { return run_rollback(*options); }); }};
}

}  // namespace miglint::cli
