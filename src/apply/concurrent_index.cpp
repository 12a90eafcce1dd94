#include "apply/concurrent_index.hpp"

#include <optional>

namespace miglint::apply {

namespace {

struct IndexFound {
  std::string name;  // as regclass prints it: quoted where needed
  bool valid = false;
};

std::optional<IndexFound> find_index(Connection& connection, const RelationName& index) {
  Result result = connection.run(
      "SELECT i.indexrelid::regclass::text, i.indisvalid FROM pg_index i WHERE i.indexrelid = to_regclass("
      "CASE WHEN $1 = '' THEN quote_ident($2) ELSE quote_ident($1) || '.' || quote_ident($2) END)",
      {index.schema, index.name});
  if (result.rows.empty()) return std::nullopt;
  return IndexFound{result.rows[0][0].value_or(""), result.rows[0][1] == "t"};
}

}  // namespace

ConcurrentIndexes::ConcurrentIndexes(Connection& connection, std::chrono::milliseconds lock_timeout,
                                     ExecutionObserver& observer)
    : connection_(connection), lock_timeout_(lock_timeout), observer_(observer) {}

bool ConcurrentIndexes::left_behind_by_interruption(const RunnableStatement& statement) {
  if (!statement.concurrent_index) return false;
  std::optional<IndexFound> index = find_index(connection_, *statement.concurrent_index);
  if (index && index->valid) {
    observer_.note("index " + index->name + " is already built and valid: the interrupted run finished it");
    return true;
  }
  drop_if_invalid(statement);
  return false;
}

void ConcurrentIndexes::drop_if_invalid(const RunnableStatement& statement) {
  if (!statement.concurrent_index) return;
  try {
    std::optional<IndexFound> index = find_index(connection_, *statement.concurrent_index);
    if (!index || index->valid) return;
    observer_.note("dropping INVALID index " + index->name + " left by a failed CREATE INDEX CONCURRENTLY");
    connection_.run("SELECT set_config('lock_timeout', $1, false)", {std::to_string(lock_timeout_.count()) + "ms"});
    connection_.run("DROP INDEX CONCURRENTLY IF EXISTS " + index->name);
  } catch (const DatabaseError& error) {
    observer_.note("could not drop the INVALID index " + statement.concurrent_index->display() + ": " + error.what() +
                   "; drop it with DROP INDEX CONCURRENTLY before the next run");
  }
}

}  // namespace miglint::apply
