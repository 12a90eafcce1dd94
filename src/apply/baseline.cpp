#include "apply/baseline.hpp"

#include "apply/status.hpp"
#include "engine/runnable.hpp"
#include "version.hpp"

#include <set>

namespace miglint::apply {

HistoryRow baselined_row(const MigrationPlan& plan, int pg_version) {
  HistoryRow row;
  row.version = plan.id;
  row.name = plan.name;
  row.checksum = up_checksum(plan);
  row.down_checksum = down_checksum(plan);
  row.mode = runnable_migration(plan, pg_version).up.transactional() ? TransactionMode::Transactional
                                                                      : TransactionMode::NonTransactional;
  row.state = MigrationState::Baselined;
  row.miglint_version = std::string(kVersion);
  return row;
}

std::vector<std::string> record_baselined(Connection& connection, const History& history,
                                          const std::vector<const MigrationPlan*>& plans) {
  // Checksums first: an unreadable file fails before anything is written.
  std::vector<HistoryRow> wanted;
  for (const MigrationPlan* plan : plans) wanted.push_back(baselined_row(*plan, connection.server_major_version()));

  history.ensure_table(connection);
  connection.run("BEGIN");
  try {
    Result locked = connection.run("SELECT pg_try_advisory_xact_lock($1)", {std::to_string(history.advisory_lock_key())});
    if (locked.rows.at(0).at(0) != "t")
      throw DatabaseError("another miglint run holds the lock on " + history.table() + "; try again when it ends",
                          "55P03");
    std::set<std::string> recorded_versions;
    for (const HistoryRow& row : history.rows(connection)) recorded_versions.insert(row.version);
    std::vector<std::string> recorded;
    for (const HistoryRow& row : wanted) {
      if (!recorded_versions.insert(row.version).second) continue;
      history.record(connection, row);
      recorded.push_back(row.version);
    }
    connection.run("COMMIT");
    return recorded;
  } catch (...) {
    try {
      if (connection.in_transaction()) connection.run("ROLLBACK");
    } catch (const DatabaseError&) {
      // The error that stopped the transaction is the one worth reporting.
    }
    throw;
  }
}

}  // namespace miglint::apply
