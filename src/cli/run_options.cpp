#include "cli/run_options.hpp"

#include "apply/interruption.hpp"
#include "cli/commands.hpp"

#include <cstdio>
#include <iostream>

namespace miglint::cli {

namespace {

std::chrono::milliseconds milliseconds_of(double seconds) {
  return std::chrono::milliseconds(static_cast<long long>(seconds * 1000));
}

std::string timeout_text(std::chrono::milliseconds timeout) {
  if (timeout.count() == 0) return "none";
  char text[32];
  std::snprintf(text, sizeof text, "%g s", timeout.count() / 1000.0);
  return text;
}

std::vector<MigrationPlan> every_plan(const std::vector<ConfiguredMigrations>& groups) {
  std::vector<MigrationPlan> plans;
  for (const ConfiguredMigrations& group : groups) plans.insert(plans.end(), group.plans.begin(), group.plans.end());
  return plans;
}

}  // namespace

void add_run_options(CLI::App& command, RunOptions& options) {
  auto seconds = CLI::NonNegativeNumber;
  command.add_option("--lock-wait", options.lock_wait,
                     "Seconds to wait for another miglint's hold on the history table")
      ->check(seconds)->capture_default_str();
  command.add_option("--lock-timeout", options.lock_timeout,
                     "lock_timeout in seconds for each migration; a timeout is retried (0: wait forever)")
      ->check(seconds)->capture_default_str();
  command.add_option("--statement-timeout", options.statement_timeout,
                     "statement_timeout in seconds (0: none)")
      ->check(seconds)->capture_default_str();
  command.add_option("--concurrent-lock-timeout", options.concurrent_lock_timeout,
                     "lock_timeout in seconds for migrations that run outside a transaction, such as CREATE INDEX "
                     "CONCURRENTLY (0: wait, since their waits block neither reads nor writes)")
      ->check(seconds)->capture_default_str();
  command.add_option("--retries", options.retries, "Retries after a lock timeout or a deadlock")
      ->check(CLI::Range(0, 100))->capture_default_str();
  command.add_option("--format", options.format, "Output format")
      ->check(CLI::IsMember({"tty", "json"}))->capture_default_str();
  command.add_flag("--no-progress", options.no_progress, "No live line for the running statement on a terminal");
}

apply::Timeouts timeouts_of(const RunOptions& options) {
  return {milliseconds_of(options.lock_timeout), milliseconds_of(options.statement_timeout),
          milliseconds_of(options.concurrent_lock_timeout)};
}

apply::RetryPolicy retry_policy_of(const RunOptions& options) {
  apply::RetryPolicy policy;
  policy.retries = options.retries;
  return policy;
}

std::string describe_timeouts(const apply::Timeouts& timeouts, bool concurrent) {
  return "lock_timeout " + timeout_text(concurrent ? timeouts.concurrent_lock : timeouts.lock) +
         ", statement_timeout " + timeout_text(timeouts.statement);
}

MigrationsAndHistory::MigrationsAndHistory(const DatabaseOptions& options)
    : groups_(discover_configured(options)),
      plans_(every_plan(groups_)),
      history_(history_of(options)),
      conninfo_(apply::choose_conninfo(options.db)),
      connection_(conninfo_) {}

void MigrationsAndHistory::prepare_to_write(const RunOptions& options) {
  if (connection_.run("SELECT current_setting('transaction_read_only')").rows.at(0).at(0) == "on")
    throw ServerRefused(connection_.describe() +
                        " is read-only (default_transaction_read_only, or a standby): nothing was run");
  auto report_holder = [](const apply::LockHolder& holder) {
    std::cerr << "miglint: waiting for the history lock: pid " << holder.pid << " ("
              << (holder.application_name.empty() ? "no application_name" : holder.application_name)
              << ", connected since " << holder.since << ") holds it\n";
  };
  lock_ = std::make_unique<apply::AdvisoryLock>(connection_, history_.advisory_lock_key(),
                                                milliseconds_of(options.lock_wait), report_holder);
}

void MigrationsAndHistory::read_history() {
  statuses_ = apply::migration_statuses(plans_, history_.rows(connection_));
}

int exit_code_after_failure() {
  int signal = apply::stop_requested();
  return signal == 0 ? kExitFindings : 128 + signal;
}

int stopped_before(const std::string& version, int signal) {
  std::cerr << "miglint: interrupted by " << apply::signal_name(signal) << ": " << version
            << " and the migrations after it were not started\n";
  return 128 + signal;
}

int reporting_refusals(const std::function<int()>& command) {
  try {
    return command();
  } catch (const ServerRefused& refusal) {
    std::cerr << "miglint: " << refusal.what() << '\n';
    return kExitUsage;
  } catch (const apply::LockWaitTimeout& timeout) {
    std::cerr << "miglint: " << timeout.what() << "; nothing was run\n";
    return kExitFindings;
  }
}

}  // namespace miglint::cli
