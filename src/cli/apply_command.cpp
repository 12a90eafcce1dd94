#include "apply/executor.hpp"
#include "apply/interruption.hpp"
#include "apply/selection.hpp"
#include "cli/apply_output.hpp"
#include "cli/commands.hpp"
#include "cli/examples.hpp"
#include "cli/dry_run.hpp"
#include "cli/lint_gate.hpp"
#include "cli/run_options.hpp"
#include "report/report.hpp"

#include <miglint/registry.hpp>

#include <algorithm>
#include <iostream>
#include <memory>

namespace miglint::cli {

namespace {

struct ApplyOptions {
  DatabaseOptions database;
  RunOptions run;
  bool dry_run = false;
  std::optional<std::string> to;
  std::string fail_on = "error";
  std::vector<std::string> allow;
  std::vector<std::string> reasons;
  bool allow_out_of_order = false;
};

std::vector<apply::LintWaiver> waivers_of(const ApplyOptions& options) {
  if (options.allow.size() != options.reasons.size())
    throw UsageError("each --allow needs its own --reason \"...\": " + std::to_string(options.allow.size()) +
                     " --allow, " + std::to_string(options.reasons.size()) + " --reason");
  std::vector<apply::LintWaiver> waivers;
  for (std::size_t i = 0; i < options.allow.size(); ++i) {
    if (!find_rule(options.allow[i])) throw unknown_rule_id("--allow", options.allow[i]);
    if (options.reasons[i].find_first_not_of(" \t") == std::string::npos)
      throw UsageError("--allow " + options.allow[i] + ": the --reason is empty; say why the rule is waived");
    waivers.push_back({options.allow[i], options.reasons[i]});
  }
  return waivers;
}

struct Prepared {
  apply::MigrationRun run;
  const MigrationPlan* plan;
};

// Everything a selected migration needs before the first one runs, so that
// a migration that cannot run stops the command before anything changed.
std::vector<Prepared> prepare(const std::vector<const apply::MigrationStatus*>& selected, int server_major,
                              std::vector<std::string>& refusals) {
  std::vector<Prepared> prepared;
  for (const apply::MigrationStatus* status : selected) {
    RunnableMigration runnable = runnable_migration(*status->plan, server_major);
    for (const std::string& error : runnable.errors) refusals.push_back(status->version + ": " + error);
    if (std::optional<std::string> reason = apply::unrunnable_reason(runnable.up))
      refusals.push_back(status->version + ": cannot be applied: " + *reason);
    apply::MigrationRun run{status->version, status->name, status->file_checksum, apply::down_checksum(*status->plan),
                            std::move(runnable.up), {}, std::nullopt};
    if (status->kind == apply::StatusKind::Partial || status->kind == apply::StatusKind::Failed) run.recorded = status->row;
    prepared.push_back({std::move(run), status->plan});
  }
  return prepared;
}

int refuse(const std::vector<std::string>& refusals) {
  for (const std::string& refusal : refusals) std::cerr << "miglint: refused: " << refusal << '\n';
  std::cerr << "miglint: nothing was applied\n";
  return kExitFindings;
}

int run_apply(const ApplyOptions& options) {
  std::vector<apply::LintWaiver> waivers = waivers_of(options);
  MigrationsAndHistory source(options.database);
  if (!options.dry_run) source.prepare_to_write(options.run);
  source.read_history();
  const int server_major = source.connection().server_major_version();

  apply::Selection selection = apply::select_for_apply(source.statuses(), options.allow_out_of_order, options.to);
  if (!selection.refusals.empty()) return refuse(selection.refusals);
  std::vector<Prepared> prepared = prepare(selection.migrations, server_major, selection.refusals);
  if (!selection.refusals.empty()) return refuse(selection.refusals);

  std::set<std::string> versions;
  for (const Prepared& migration : prepared) versions.insert(migration.run.version);
  GateOutcome gate = lint_gate(source.groups(), versions, server_major, *parse_severity(options.fail_on), waivers);
  if (!gate.blocking.findings.empty() || !gate.blocking.errors.empty()) {
    write_report(std::cerr, gate.blocking, ReportOptions{Format::Tty, false});
    for (const std::string& error : gate.blocking.errors) std::cerr << "miglint: " << error << '\n';
    return refuse({"the lint gate found problems at or above --fail-on " + options.fail_on +
                   " for PostgreSQL " + std::to_string(server_major) +
                   "; fix them, or waive a rule with --allow RULE --reason \"...\""});
  }
  for (Prepared& migration : prepared) migration.run.waivers = gate.waivers_by_version[migration.run.version];

  // Not "every migration not selected": pending ones after --to are not applied.
  std::size_t up_to_date = std::count_if(source.statuses().begin(), source.statuses().end(), [](const auto& status) {
    return status.kind == apply::StatusKind::Applied || status.kind == apply::StatusKind::Baselined;
  });
  if (options.dry_run) {
    std::vector<const apply::MigrationRun*> runs;
    for (const Prepared& migration : prepared) runs.push_back(&migration.run);
    write_dry_run(std::cout, runs, source.connection().server_version_num(),
                  timeouts_of(options.run), options.run.format == "json");
    return kExitClean;
  }

  source.history().ensure_table(source.connection());
  RunReporter reporter("applied", options.run.format == "json", !options.run.no_progress);
  // Before the executor starts its lock watch thread, which must not take the signals.
  apply::stop_gracefully_on_signals(source.connection());
  apply::Executor executor(source.connection(), source.conninfo(), source.history(), timeouts_of(options.run),
                           retry_policy_of(options.run), reporter);
  for (const Prepared& migration : prepared) {
    if (int signal = apply::stop_requested()) {
      int code = stopped_before(migration.run.version, signal);
      reporter.summary(up_to_date);
      return code;
    }
    reporter.starting(migration.run.version);
    try {
      reporter.finished(migration.run.version, migration.run.name, executor.apply(migration.run));
    } catch (const apply::MigrationFailed& failure) {
      reporter.failed(migration.run.version, migration.run.name, failure.what());
      reporter.summary(up_to_date);
      return exit_code_after_failure();
    }
  }
  reporter.summary(up_to_date);
  return kExitClean;
}

}  // namespace

Command add_apply_command(CLI::App& app) {
  auto options = std::make_shared<ApplyOptions>();
  CLI::App* command = app.add_subcommand("apply", "Apply pending migrations that pass the lint gate, with a history");
  add_database_options(*command, options->database);
  add_run_options(*command, options->run);
  command->add_flag("--dry-run", options->dry_run,
                    "Show what would run, in which transaction mode, with which locks and timeouts; write nothing");
  command->add_option("--to", options->to, "Apply up to and including this version");
  command->add_option("--fail-on", options->fail_on, "Apply nothing when a finding is at least this severe")
      ->check(CLI::IsMember({"error", "warning", "info"}))->capture_default_str();
  command->add_option("--allow", options->allow, "Waive this rule id for the gate; needs a --reason (repeatable)");
  command->add_option("--reason", options->reasons, "Why the matching --allow is safe; stored in the history");
  command->add_flag("--allow-out-of-order", options->allow_out_of_order,
                    "Apply pending migrations that sort before an applied one");
  command->footer(std::string(kApplyExamples));
  return {command, [options] { return reporting_refusals([&] { return run_apply(*options); }); }};
}

}  // namespace miglint::cli
