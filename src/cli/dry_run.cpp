#include "cli/dry_run.hpp"

#include "cli/apply_output.hpp"
#include "cli/run_options.hpp"

#include <nlohmann/json.hpp>

#include <ostream>

namespace miglint::cli {

namespace {

constexpr std::size_t kExcerptWidth = 72;

std::string lock_text(const TableLock& lock) {
  return std::string(to_string(lock.mode)) + " on " + lock.table.display() + ": " +
         std::string(traffic_blocked(lock.mode)) + " wait while it is held";
}

std::string location(const RunnableStatement& statement) {
  return statement.path + ":" + std::to_string(statement.start.line);
}

nlohmann::json statement_json(const RunnableStatement& statement) {
  nlohmann::json locks = nlohmann::json::array();
  for (const TableLock& lock : statement.locks)
    locks.push_back({{"table", lock.table.display()}, {"mode", to_string(lock.mode)},
                     {"blocks", traffic_blocked(lock.mode)}});
  return {{"location", location(statement)}, {"sql", statement.sql}, {"sent", !statement.transaction_control},
          {"locks", locks}};
}

void write_text_statement(std::ostream& out, const RunnableStatement& statement) {
  out << "  " << location(statement) << "  " << statement_excerpt(statement.sql, kExcerptWidth) << '\n';
  if (statement.transaction_control) {
    out << "      not sent: miglint owns the transaction\n";
    return;
  }
  for (const TableLock& lock : statement.locks) out << "      takes " << lock_text(lock) << '\n';
}

}  // namespace

void write_dry_run(std::ostream& out, const std::vector<const apply::MigrationRun*>& migrations,
                   int server_version_num, const apply::Timeouts& timeouts, bool json) {
  if (json) {
    nlohmann::json list = nlohmann::json::array();
    for (const apply::MigrationRun* migration : migrations) {
      bool transactional = migration->section.transactional();
      nlohmann::json statements = nlohmann::json::array();
      for (const RunnableStatement& statement : migration->section.statements) statements.push_back(statement_json(statement));
      list.push_back({{"version", migration->version}, {"name", migration->name},
                      {"transaction_mode", apply::to_string(transactional ? apply::TransactionMode::Transactional
                                                                          : apply::TransactionMode::NonTransactional)},
                      {"resumes_after", migration->recorded ? migration->recorded->statements_applied : 0},
                      {"timeouts", describe_timeouts(timeouts, !transactional)},
                      {"statements", statements}});
    }
    out << nlohmann::json{{"dry_run", true}, {"server_version_num", server_version_num}, {"migrations", list}}.dump(2)
        << '\n';
    return;
  }
  if (migrations.empty()) out << "nothing to apply\n";
  for (const apply::MigrationRun* migration : migrations) {
    bool transactional = migration->section.transactional();
    out << migration->version << (migration->name.empty() ? "" : " " + migration->name) << ": "
        << (transactional ? "in one transaction" : "in autocommit, one statement at a time") << "; "
        << describe_timeouts(timeouts, !transactional);
    if (migration->recorded) out << "; resumes after statement " << migration->recorded->statements_applied;
    out << '\n';
    for (const RunnableStatement& statement : migration->section.statements) write_text_statement(out, statement);
  }
}

}  // namespace miglint::cli
