#include "support.hpp"

#include <doctest/doctest.h>

namespace miglint::test {

TEST_CASE("a table created earlier in the migration is exempt from require-concurrent-index") {
  CHECK(rule_ids(lint("CREATE TABLE audit (id bigint PRIMARY KEY);\nCREATE INDEX audit_id ON audit (id);")).empty());
  CHECK(rule_ids(lint("SET lock_timeout = '5s';\nCREATE INDEX users_email ON users (email);")) ==
        std::vector<std::string>{"require-concurrent-index"});
}

TEST_CASE("positions are 1-based lines and character columns in the original file") {
  auto outcome = lint("-- héllo\r\nSET lock_timeout = '5s';\r\n  CREATE INDEX ON \"ü\" (x);\r\n");
  REQUIRE(outcome.findings.size() == 1);
  CHECK(outcome.findings[0].start == Position{3, 3});
  CHECK(outcome.findings[0].end == Position{3, 26});
}

}  // namespace miglint::test
