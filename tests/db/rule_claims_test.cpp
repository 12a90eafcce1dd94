// Each rule that claims a lock has its `bad` example run on PostgreSQL 15,
// which must take exactly the claimed mode on the claimed table, and
// rewrite or scan it as claimed.

#include "lock_checks.hpp"
#include "schema_database.hpp"
#include "statement_trees.hpp"

#include <miglint/registry.hpp>

#include <doctest/doctest.h>

#include <algorithm>

namespace miglint::db_test {

namespace {

std::string sql_literal(std::string_view text) {
  std::string literal = "'";
  for (char c : text) literal += c == '\'' ? std::string("''") : std::string(1, c);
  return literal + "'";
}

// Why `meta`'s claim does not hold on the server; nothing when it does.
std::optional<std::string> claim_failure(Connection& database, const RuleMeta& meta) {
  StatementTrees bad(meta.bad);
  if (bad.error()) return "its bad example does not parse: " + *bad.error();
  // Its own COMMIT would end the transaction the test reads the locks of, and keep the change.
  bool controls_transaction = std::any_of(bad.statements().begin(), bad.statements().end(),
                                          [](const ParsedStatement& statement) { return statement.tree.is("TransactionStmt"); });
  if (controls_transaction) return "its bad example begins or ends transactions; the test runs it inside its own";
  std::string oid = database.run("SELECT to_regclass(" + sql_literal(meta.lock.table) + ")::oid")[0][0];
  Observation observed = observe(database, meta.bad);
  if (observed.error) return "its bad example fails on PostgreSQL: " + *observed.error;
  const RelationEffect* table = observed.find_oid(oid);
  if (!table) return "it claims a lock on \"" + std::string(meta.lock.table) + "\", not a table of tests/db/schema.sql";
  return claim_mismatch(meta.lock, *table);
}

}  // namespace

TEST_CASE("every rule's lock claim holds on PostgreSQL 15") {
  Connection& database = schema_database();
  int claims = 0;
  for (const Rule* rule : all_rules()) {
    const RuleMeta& meta = rule->meta();
    if (meta.lock.mode == LockMode::None) continue;
    ++claims;
    auto failure = claim_failure(database, meta);
    CHECK_MESSAGE(!failure, meta.id << ": " << failure.value_or(""));
  }
  MESSAGE(claims << " rules claim a lock");
}

}  // namespace miglint::db_test
