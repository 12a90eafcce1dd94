#include "apply/verify.hpp"

#include "apply/executor.hpp"
#include "engine/runnable.hpp"

namespace miglint::apply {

namespace {

using Kind = VerifyProblem::Kind;

std::string location(const RunnableStatement& statement) {
  return statement.path + ":" + std::to_string(statement.start.line) + ":" + std::to_string(statement.start.column);
}

// A part run as apply runs it; the failing statement's place and error, or nullopt.
std::optional<std::string> run_section(Connection& connection, const RunnableSection& section) {
  // A setting an earlier part made (search_path, a timeout) does not reach this one.
  connection.run("RESET ALL");
  const bool transactional = section.transactional();
  const RunnableStatement* running = nullptr;
  try {
    if (transactional) connection.run("BEGIN");
    for (const RunnableStatement& statement : section.statements) {
      if (statement.transaction_control) continue;
      running = &statement;
      connection.run(statement.sql);
    }
    running = nullptr;
    if (transactional) connection.run("COMMIT");
    return std::nullopt;
  } catch (const DatabaseError& error) {
    if (connection.in_transaction()) connection.run("ROLLBACK");
    std::string code = error.sqlstate.empty() ? "" : " [SQLSTATE " + error.sqlstate + "]";
    return (running ? location(*running) + ": " : std::string("COMMIT: ")) + error.what() + code;
  }
}

// One line per value: a function body or a view's query is only said to differ.
std::string describe(const AttributeChange& change) {
  if (change.before.find('\n') != std::string::npos || change.after.find('\n') != std::string::npos)
    return change.attribute + " differs";
  return change.attribute + " " + change.before + " -> " + change.after;
}

VerifyProblem problem_of(const SchemaDifference& difference) {
  std::string object = difference.object.kind + " " + difference.object.name;
  std::string summary = difference.summary.empty() ? "" : " (" + difference.summary + ")";
  switch (difference.change) {
    case SchemaDifference::Change::Added:
      return {Kind::DownLeaves, "DOWN leaves " + object + summary, difference.object};
    case SchemaDifference::Change::Removed:
      return {Kind::DownDoesNotRestore, "DOWN does not restore " + object, difference.object};
    case SchemaDifference::Change::Altered:
      break;
  }
  std::string changes;
  for (const AttributeChange& change : difference.changes) changes += (changes.empty() ? "" : "; ") + describe(change);
  return {Kind::DownChanges, "DOWN changes " + object + ": " + changes, difference.object};
}

// Whether the migrations after this one can still be verified.
bool verify_one(Connection& connection, const MigrationPlan& plan, MigrationVerdict& verdict) {
  RunnableMigration runnable = runnable_migration(plan, connection.server_major_version());
  auto fail = [&](Kind kind, std::string message) { verdict.problems.push_back({kind, std::move(message), std::nullopt}); };
  for (const std::string& error : runnable.errors) fail(Kind::CannotRun, error);
  if (!runnable.errors.empty()) return false;
  if (std::optional<std::string> reason = unrunnable_reason(runnable.up)) {
    fail(Kind::CannotRun, "UP cannot be run: " + *reason);
    return false;
  }

  SchemaSnapshot before = take_schema_snapshot(connection);
  if (std::optional<std::string> error = run_section(connection, runnable.up)) {
    fail(Kind::UpFailed, "UP fails: " + *error);
    return false;
  }
  // Without a DOWN there is nothing to verify, but the UP stands and the
  // migrations after it can still be verified on top of it. A layout with
  // down files counts one as present even when its file is not there.
  const bool down_written = plan.down_file || !runnable.down.statements.empty() || !runnable.down.unrunnable.empty();
  if (!runnable.down.present || !down_written) {
    fail(Kind::MissingDown, "no DOWN migration: cannot be rolled back");
    return true;
  }
  if (std::optional<std::string> reason = unrunnable_reason(runnable.down)) {
    fail(Kind::CannotRun, "DOWN cannot be run: " + *reason);
    return true;
  }
  if (std::optional<std::string> error = run_section(connection, runnable.down)) {
    fail(Kind::DownFailed, "DOWN fails: " + *error);
    // A transaction rolled back leaves UP's schema, which the next migration
    // expects; statements run in autocommit leave something in between.
    return runnable.down.transactional();
  }
  for (const SchemaDifference& difference : compare_snapshots(before, take_schema_snapshot(connection)))
    verdict.problems.push_back(problem_of(difference));
  if (std::optional<std::string> error = run_section(connection, runnable.up)) {
    fail(Kind::UpFailedAfterDown, "UP fails after its DOWN: " + *error);
    return false;
  }
  return true;
}

}  // namespace

std::string_view to_string(VerifyProblem::Kind kind) {
  switch (kind) {
    case Kind::CannotRun: return "cannot-run";
    case Kind::UpFailed: return "up-failed";
    case Kind::MissingDown: return "missing-down";
    case Kind::DownFailed: return "down-failed";
    case Kind::DownLeaves: return "down-leaves";
    case Kind::DownDoesNotRestore: return "down-does-not-restore";
    case Kind::DownChanges: return "down-changes";
    case Kind::UpFailedAfterDown: return "up-failed-after-down";
  }
  return "";
}

std::string_view to_string(MigrationVerdict::Outcome outcome) {
  switch (outcome) {
    case MigrationVerdict::Outcome::Reversible: return "reversible";
    case MigrationVerdict::Outcome::Failed: return "failed";
    case MigrationVerdict::Outcome::NotVerified: return "not verified";
  }
  return "";
}

std::vector<MigrationVerdict> verify_migrations(Connection& connection, const std::vector<MigrationPlan>& plans,
                                                const std::function<void(const MigrationVerdict&)>& on_verdict) {
  std::vector<MigrationVerdict> verdicts;
  bool stopped = false;
  for (const MigrationPlan& plan : plans) {
    MigrationVerdict verdict{plan.name.empty() ? plan.id : plan.id + "_" + plan.name, plan.id, plan.name,
                             MigrationVerdict::Outcome::NotVerified, {}};
    if (!stopped) {
      stopped = !verify_one(connection, plan, verdict);
      verdict.outcome = verdict.problems.empty() ? MigrationVerdict::Outcome::Reversible : MigrationVerdict::Outcome::Failed;
    }
    on_verdict(verdict);
    verdicts.push_back(std::move(verdict));
  }
  return verdicts;
}

}  // namespace miglint::apply
