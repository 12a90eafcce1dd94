#include "apply/baseline.hpp"
#include "apply/status.hpp"
#include "cli/commands.hpp"
#include "cli/examples.hpp"
#include "cli/database_options.hpp"

#include <algorithm>
#include <iostream>

namespace miglint::cli {

namespace {

struct BaselineOptions {
  DatabaseOptions database;
  std::string version;
};

struct AcceptChecksumOptions {
  DatabaseOptions database;
  std::string version;
  std::string reason;
};

const MigrationPlan& plan_with_version(const std::vector<MigrationPlan>& plans, const std::string& version) {
  auto found = std::find_if(plans.begin(), plans.end(), [&](const MigrationPlan& plan) { return plan.id == version; });
  if (found == plans.end()) throw UsageError("no migration under the paths given has version " + version);
  return *found;
}

void report_recorded(const std::vector<std::string>& recorded, const std::vector<const MigrationPlan*>& plans) {
  for (const MigrationPlan* plan : plans)
    if (std::find(recorded.begin(), recorded.end(), plan->id) != recorded.end())
      std::cout << "baselined  " << plan->id << "  " << plan->name << '\n';
  std::size_t kept = plans.size() - recorded.size();
  std::cout << recorded.size() << (recorded.size() == 1 ? " migration" : " migrations") << " baselined";
  if (kept > 0) std::cout << ", " << kept << " already recorded";
  std::cout << '\n';
}

int run_baseline(const BaselineOptions& options) {
  std::vector<MigrationPlan> plans = discover_migrations(options.database);
  const MigrationPlan& last = plan_with_version(plans, options.version);
  std::vector<const MigrationPlan*> up_to;
  for (const MigrationPlan& plan : plans) {
    up_to.push_back(&plan);
    if (&plan == &last) break;
  }
  apply::History history = history_of(options.database);
  apply::Connection connection = connect(options.database);
  report_recorded(apply::record_baselined(connection, history, up_to), up_to);
  return kExitClean;
}

int run_accept_checksum(const AcceptChecksumOptions& options) {
  if (options.reason.find_first_not_of(" \t\r\n") == std::string::npos)
    throw UsageError("accept-checksum needs a --reason that says why the applied migration was edited");
  std::vector<MigrationPlan> plans = discover_migrations(options.database);
  const MigrationPlan& plan = plan_with_version(plans, options.version);
  apply::History history = history_of(options.database);
  apply::Connection connection = connect(options.database);
  std::vector<apply::HistoryRow> rows = history.rows(connection);
  auto row = std::find_if(rows.begin(), rows.end(),
                          [&](const apply::HistoryRow& candidate) { return candidate.version == options.version; });
  if (row == rows.end()) throw UsageError(options.version + " is not applied: there is no checksum to accept");
  if (row->state != apply::MigrationState::Applied && row->state != apply::MigrationState::Baselined)
    throw UsageError(options.version + " is " + std::string(to_string(row->state)) +
                     ": finish or roll it back before accepting an edit");
  std::string checksum = apply::up_checksum(plan);
  if (checksum == row->checksum) {
    std::cout << options.version << ": the file's checksum is the recorded one, nothing to accept\n";
    return kExitClean;
  }
  history.accept_checksum(connection, options.version, checksum, apply::down_checksum(plan), options.reason);
  std::cout << options.version << ": accepted " << checksum << " in place of " << row->checksum << '\n';
  return kExitClean;
}

}  // namespace

Command add_baseline_command(CLI::App& app) {
  auto options = std::make_shared<BaselineOptions>();
  CLI::App* baseline_app = app.add_subcommand(
      "baseline", "Record the migrations up to and including --version as applied, without running them");
  add_database_options(*baseline_app, options->database);
  baseline_app->add_option("--version", options->version, "The last migration the database already has")->required();
  baseline_app->footer(std::string(kBaselineExamples));
  return {baseline_app, [options] { return run_baseline(*options); }};
}

Command add_accept_checksum_command(CLI::App& app) {
  auto options = std::make_shared<AcceptChecksumOptions>();
  CLI::App* accept_app = app.add_subcommand(
      "accept-checksum", "Record that an applied migration was edited on purpose: its file's checksum becomes the "
                         "recorded one, and the reason is kept");
  accept_app->add_option("version", options->version, "The applied migration's version")->required();
  add_database_options(*accept_app, options->database);
  accept_app->add_option("--reason", options->reason, "Why the edit is safe, kept in the history row")->required();
  accept_app->footer(std::string(kAcceptChecksumExamples));
  return {accept_app, [options] { return run_accept_checksum(*options); }};
}

}  // namespace miglint::cli
