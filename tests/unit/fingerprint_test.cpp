#include "report/fingerprint.hpp"
#include "support.hpp"

#include <doctest/doctest.h>

namespace miglint::test {

TEST_CASE("fingerprints survive moved lines and re-indentation, and tell findings apart") {
  const std::string index = "CREATE INDEX users_email ON users (email);\n";
  auto first = [](const CheckOutcome& outcome) { return fingerprint(outcome.findings.at(0)); };
  std::string original = first(lint("SET lock_timeout = '5s';\n" + index));
  CHECK(original.size() == 16);
  CHECK(first(lint("SET lock_timeout = '5s';\n\n\n-- moved down\n" + index)) == original);
  CHECK(first(lint("SET lock_timeout = '5s';\n    CREATE INDEX users_email  ON users (email);\n")) == original);
  CHECK(first(lint("SET lock_timeout = '5s';\nCREATE INDEX users_name ON users (name);\n")) != original);
}

}  // namespace miglint::test
