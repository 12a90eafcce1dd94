// The comparisons must be able to fail, and the effects rules claim must be
// visible to them: a checker that passes everything checks nothing.

#include "lock_checks.hpp"
#include "schema_database.hpp"

#include <doctest/doctest.h>

namespace miglint::db_test {

namespace {

RelationEffect effect_on(std::string_view table, std::string_view sql) {
  Observation observed = observe(schema_database(), sql);
  INFO(sql);
  REQUIRE_FALSE(observed.error);
  return *observed.find_name(table);
}

}  // namespace

TEST_CASE("a wrong lock claim is detected") {
  RelationEffect users = effect_on("users", "ALTER TABLE users ADD COLUMN nickname text");
  CHECK_FALSE(claim_mismatch({LockMode::AccessExclusive, TableEffect::None, "users"}, users));
  CHECK(claim_mismatch({LockMode::Share, TableEffect::None, "users"}, users));
  CHECK(claim_mismatch({LockMode::AccessExclusive, TableEffect::Rewrite, "users"}, users));
  CHECK(claim_mismatch({LockMode::AccessExclusive, TableEffect::Scan, "users"}, users));

  RelationEffect rewritten = effect_on("users", "ALTER TABLE users ALTER COLUMN age TYPE bigint");
  CHECK_FALSE(claim_mismatch({LockMode::AccessExclusive, TableEffect::Rewrite, "users"}, rewritten));
  CHECK(claim_mismatch({LockMode::AccessExclusive, TableEffect::None, "users"}, rewritten));
}

TEST_CASE("the statements rules claim scan a table show up as scans") {
  struct Scanning {
    const char* table;
    const char* sql;
  };
  for (Scanning statement : {
           Scanning{"users", "ALTER TABLE users ADD CONSTRAINT users_age_positive CHECK (age > 0)"},
           Scanning{"users", "ALTER TABLE users ALTER COLUMN email SET NOT NULL"},
           Scanning{"orders", "ALTER TABLE orders ADD FOREIGN KEY (user_id) REFERENCES users (id)"},
           Scanning{"deliveries", "ALTER TABLE deliveries VALIDATE CONSTRAINT deliveries_supplier_id_fkey"},
           Scanning{"deliveries", "ALTER TABLE deliveries VALIDATE CONSTRAINT deliveries_quantity_positive"},
       }) {
    RelationEffect effect = effect_on(statement.table, statement.sql);
    INFO(statement.sql);
    CHECK(effect.scanned);
    CHECK_FALSE(effect.rewritten);
  }
}

TEST_CASE("a wrong answer of the engine's lock table is detected") {
  Observation observed = observe(schema_database(), "ALTER TABLE orders ADD FOREIGN KEY (user_id) REFERENCES users (id)");
  REQUIRE_FALSE(observed.error);
  TableLock orders{{"", "orders"}, LockMode::ShareRowExclusive};
  TableLock users{{"", "users"}, LockMode::ShareRowExclusive};
  CHECK(lock_table_disagreements({orders, users}, observed).empty());
  CHECK(lock_table_disagreements({orders}, observed).size() == 1);
  CHECK(lock_table_disagreements({orders, {{"", "users"}, LockMode::Share}}, observed).size() == 1);
  CHECK(lock_table_disagreements({orders, users, {{"", "teams"}, LockMode::AccessExclusive}}, observed).size() == 1);
  CHECK(lock_table_disagreements({orders, users, {{"", "missing"}, LockMode::Share}}, observed).size() == 1);
}

}  // namespace miglint::db_test
