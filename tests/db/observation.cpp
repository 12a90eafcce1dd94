#include "observation.hpp"

#include <algorithm>

namespace miglint::db_test {

namespace {

constexpr std::string_view kRelationsNow =
    "SELECT c.oid, c.relname, c.relkind, c.relfilenode, coalesce(s.seq_scan, 0) + coalesce(s.idx_scan, 0) "
    "FROM pg_class c LEFT JOIN pg_stat_xact_user_tables s ON s.relid = c.oid "
    "WHERE c.relnamespace = 'public'::regnamespace";

constexpr std::string_view kOwnLocks =
    "SELECT relation, mode FROM pg_locks "
    "WHERE pid = pg_backend_pid() AND granted AND locktype = 'relation' "
    "AND database = (SELECT oid FROM pg_database WHERE datname = current_database())";

enum RelationColumn { kOid, kName, kKind, kFileNode, kScans };

const Row* row_for_oid(const std::vector<Row>& rows, const std::string& oid) {
  auto found = std::find_if(rows.begin(), rows.end(), [&](const Row& row) { return row[kOid] == oid; });
  return found == rows.end() ? nullptr : &*found;
}

Observation observe_in_transaction(Connection& connection, std::string_view sql) {
  Observation observation;
  std::vector<Row> before = connection.run(kRelationsNow);
  try {
    connection.run(sql);
  } catch (const ServerError& error) {
    observation.error = error.what();
    return observation;
  }
  std::vector<Row> after = connection.run(kRelationsNow);
  std::vector<Row> locks = connection.run(kOwnLocks);
  for (const Row& was : before) {
    RelationEffect effect{was[kOid], was[kName], was[kKind].front()};
    // A relation the SQL dropped has no row after it.
    if (const Row* now = row_for_oid(after, was[kOid])) {
      effect.rewritten = (*now)[kFileNode] != was[kFileNode];
      effect.scanned = std::stoll((*now)[kScans]) > std::stoll(was[kScans]);
    }
    for (const Row& lock : locks)
      if (lock[0] == was[kOid]) effect.strongest = std::max(effect.strongest, lock_mode_named(lock[1]));
    observation.relations.push_back(std::move(effect));
  }
  return observation;
}

}  // namespace

const RelationEffect* Observation::find_oid(std::string_view oid) const {
  auto found = std::find_if(relations.begin(), relations.end(), [&](const RelationEffect& effect) { return effect.oid == oid; });
  return found == relations.end() ? nullptr : &*found;
}

const RelationEffect* Observation::find_name(std::string_view name) const {
  auto found = std::find_if(relations.begin(), relations.end(), [&](const RelationEffect& effect) { return effect.name == name; });
  return found == relations.end() ? nullptr : &*found;
}

Observation observe(Connection& connection, std::string_view sql) {
  connection.run("BEGIN");
  try {
    Observation observation = observe_in_transaction(connection, sql);
    connection.run("ROLLBACK");
    return observation;
  } catch (...) {
    connection.run("ROLLBACK");
    throw;
  }
}

LockMode lock_mode_named(std::string_view name) {
  for (LockMode mode = LockMode::AccessShare; mode <= LockMode::AccessExclusive;
       mode = static_cast<LockMode>(static_cast<int>(mode) + 1))
    if (pg_locks_name(mode) == name) return mode;
  return LockMode::None;
}

}  // namespace miglint::db_test
