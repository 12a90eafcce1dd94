// File-name conventions: versions, natural order, up/down pairs, Flyway names.

#include "layouts/naming.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <string>
#include <vector>

namespace miglint::test {

namespace {

std::string version_of(std::string_view stem) { return split_version(stem).version; }
std::string name_of(std::string_view stem) { return split_version(stem).name; }

}  // namespace

TEST_CASE("split_version: the leading digit groups are the version, the rest the name") {
  CHECK(version_of("001_create_users") == "001");
  CHECK(name_of("001_create_users") == "create_users");
  CHECK(version_of("20240115_001_add_phone") == "20240115_001");
  CHECK(name_of("20240115_001_add_phone") == "add_phone");
  CHECK(version_of("20211118015519_create-realtime-schema") == "20211118015519");
  CHECK(name_of("20211118015519_create-realtime-schema") == "create-realtime-schema");
  CHECK(version_of("20200317160354000000_create_clients") == "20200317160354000000");
  CHECK(version_of("2024_01_15_add") == "2024_01_15");
  CHECK(name_of("2024_01_15_add") == "add");
  CHECK(version_of("1.2_widen_ids") == "1.2");
  CHECK(name_of("1.2_widen_ids") == "widen_ids");
  CHECK(version_of("7-add-index") == "7");
  CHECK(name_of("7-add-index") == "add-index");
}

TEST_CASE("split_version: a digit group glued to letters belongs to the name") {
  CHECK(version_of("1_2fa_enable") == "1");
  CHECK(name_of("1_2fa_enable") == "2fa_enable");
  CHECK(version_of("10_v2_users") == "10");
  CHECK(name_of("10_v2_users") == "v2_users");
}

TEST_CASE("split_version: no version, or no name") {
  CHECK(version_of("init") == "");
  CHECK(name_of("init") == "init");
  CHECK(version_of("v1_init") == "");
  CHECK(version_of("42") == "42");
  CHECK(name_of("42") == "");
  CHECK(version_of("") == "");
  CHECK(name_of("") == "");
}

TEST_CASE("natural_less: digit runs compare by value") {
  CHECK(natural_less("2_x", "10_x"));
  CHECK_FALSE(natural_less("10_x", "2_x"));
  CHECK(natural_less("9_b", "10_a"));
  CHECK(natural_less("V2__a", "V10__a"));
  CHECK(natural_less("1.9", "1.10"));
  // Longer than 64 bits: still by value.
  CHECK(natural_less("99999999999999999999_a", "100000000000000000000_a"));
  CHECK(natural_less("20200317160354000000_a", "20200317160354000001_a"));
  // Leading zeros do not change the value.
  CHECK(natural_less("002_x", "10_x"));
  CHECK(natural_less("0009", "10"));
}

TEST_CASE("natural_less: text compares byte by byte, and a prefix comes first") {
  CHECK(natural_less("a", "b"));
  CHECK(natural_less("add", "addition"));
  CHECK_FALSE(natural_less("addition", "add"));
  CHECK(natural_less("1_a", "1_b"));
  CHECK(natural_less("1_create.down.sql", "1_create.up.sql"));
  CHECK_FALSE(natural_less("x", "x"));
  CHECK_FALSE(natural_less("", ""));
  CHECK(natural_less("", "a"));
}

TEST_CASE("natural_less sorts a directory the way runners order it") {
  std::vector<std::string> names{"10_c.sql", "2_b.sql", "1_a.sql", "100_e.sql", "11_d.sql", "R__view.sql"};
  std::sort(names.begin(), names.end(), natural_less);
  CHECK(names == std::vector<std::string>{"1_a.sql", "2_b.sql", "10_c.sql", "11_d.sql", "100_e.sql", "R__view.sql"});
}

TEST_CASE("parse_up_down: direction, key and dialect") {
  auto up = parse_up_down("1_create_users.up.sql");
  REQUIRE(up);
  CHECK(up->key == "1_create_users");
  CHECK(up->direction == SectionKind::Up);
  CHECK(up->dialect == "");

  auto down = parse_up_down("1_create_users.down.sql");
  REQUIRE(down);
  CHECK(down->key == "1_create_users");
  CHECK(down->direction == SectionKind::Down);

  auto postgres = parse_up_down("20191100000001000000_identities.postgres.up.sql");
  REQUIRE(postgres);
  CHECK(postgres->key == "20191100000001000000_identities");
  CHECK(postgres->dialect == "postgres");

  auto mysql = parse_up_down("20191100000001000000_identities.mysql.down.sql");
  REQUIRE(mysql);
  CHECK(mysql->key == "20191100000001000000_identities");
  CHECK(mysql->direction == SectionKind::Down);
  CHECK(mysql->dialect == "mysql");

  CHECK(parse_up_down("20200913192340000000_initial_sqlite.sqlite3.up.sql")->dialect == "sqlite3");
  CHECK(parse_up_down("5_x.cockroach.up.sql")->dialect == "cockroach");
  // Dialects are matched without regard to case, and reported in lower case.
  CHECK(parse_up_down("5_x.Postgres.up.sql")->dialect == "postgres");
  CHECK(parse_up_down("5_x.Postgres.up.sql")->key == "5_x");
}

TEST_CASE("parse_up_down: a dot that names no dialect stays in the key") {
  auto dotted = parse_up_down("3_v1.2_cleanup.up.sql");
  REQUIRE(dotted);
  CHECK(dotted->key == "3_v1.2_cleanup");
  CHECK(dotted->dialect == "");
}

TEST_CASE("parse_up_down: other names are no pair files") {
  CHECK_FALSE(parse_up_down("1_create_users.sql"));
  CHECK_FALSE(parse_up_down("1_create_users.up.txt"));
  CHECK_FALSE(parse_up_down("1_create_users.up"));
  CHECK_FALSE(parse_up_down("V1__create_users.sql"));
  CHECK_FALSE(parse_up_down("1_setup.sql"));
  CHECK_FALSE(parse_up_down("migration.sql"));
}

TEST_CASE("is_foreign_dialect: only other databases are skipped") {
  CHECK_FALSE(is_foreign_dialect(""));
  CHECK_FALSE(is_foreign_dialect("postgres"));
  CHECK_FALSE(is_foreign_dialect("postgresql"));
  CHECK_FALSE(is_foreign_dialect("pg"));
  CHECK(is_foreign_dialect("mysql"));
  CHECK(is_foreign_dialect("sqlite3"));
  CHECK(is_foreign_dialect("sqlite"));
  CHECK(is_foreign_dialect("cockroach"));
}

TEST_CASE("parse_flyway: versioned, undo and repeatable migrations") {
  auto versioned = parse_flyway("V1__create_orders.sql");
  REQUIRE(versioned);
  CHECK(versioned->prefix == 'V');
  CHECK(versioned->version == "1");
  CHECK(versioned->description == "create_orders");

  auto dotted = parse_flyway("V1.1__add_status.sql");
  REQUIRE(dotted);
  CHECK(dotted->version == "1.1");
  // 1_1 is Flyway's other spelling of 1.1.
  CHECK(parse_flyway("V1_1__add_status.sql")->version == "1.1");
  CHECK(parse_flyway("V2024.01.15.1__x.sql")->version == "2024.01.15.1");

  auto undo = parse_flyway("U2__index_orders.sql");
  REQUIRE(undo);
  CHECK(undo->prefix == 'U');
  CHECK(undo->version == "2");

  auto repeatable = parse_flyway("R__orders_view.sql");
  REQUIRE(repeatable);
  CHECK(repeatable->prefix == 'R');
  CHECK(repeatable->version == "");
  CHECK(repeatable->description == "orders_view");

  // The first double underscore separates the description.
  CHECK(parse_flyway("V3__a__b.sql")->description == "a__b");
}

TEST_CASE("parse_flyway: names Flyway would not run") {
  CHECK_FALSE(parse_flyway("V1_create.sql"));      // one underscore
  CHECK_FALSE(parse_flyway("V__create.sql"));      // no version
  CHECK_FALSE(parse_flyway("Vx__create.sql"));     // not a number
  CHECK_FALSE(parse_flyway("V1a__create.sql"));
  CHECK_FALSE(parse_flyway("R1__view.sql"));       // a repeatable has no version
  CHECK_FALSE(parse_flyway("X1__create.sql"));     // unknown prefix
  CHECK_FALSE(parse_flyway("v1__create.sql"));     // prefixes are upper case
  CHECK_FALSE(parse_flyway("V1__create.txt"));
  CHECK_FALSE(parse_flyway("1_create.up.sql"));
  CHECK_FALSE(parse_flyway("migration.sql"));
  CHECK_FALSE(parse_flyway(".sql"));
}

}  // namespace miglint::test
