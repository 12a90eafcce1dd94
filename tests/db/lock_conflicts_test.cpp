// trace's table of conflicting lock modes against PostgreSQL 15's own.
#include "scratch_database.hpp"

#include "apply/lock_conflicts.hpp"

#include <doctest/doctest.h>

namespace miglint::db_test {

namespace {

// Whether `requested` must wait while another transaction holds `held`:
// LOCK TABLE ... NOWAIT fails instead of waiting.
bool server_says_conflict(Connection& holder, Connection& requester, LockMode held, LockMode requested) {
  holder.run("BEGIN; LOCK TABLE probe IN " + std::string(to_string(held)) + " MODE");
  bool conflict = false;
  requester.run("BEGIN");
  try {
    requester.run("LOCK TABLE probe IN " + std::string(to_string(requested)) + " MODE NOWAIT");
  } catch (const ServerError&) {
    conflict = true;
  }
  requester.run("ROLLBACK");
  holder.run("ROLLBACK");
  return conflict;
}

}  // namespace

TEST_CASE("trace's lock conflict table agrees with PostgreSQL for every pair of modes") {
  ScratchDatabase db;
  db.run("CREATE TABLE probe (id int)");
  Connection holder(db.name()), requester(db.name());
  for (int held = 1; held <= static_cast<int>(LockMode::AccessExclusive); ++held)
    for (int requested = 1; requested <= static_cast<int>(LockMode::AccessExclusive); ++requested) {
      auto held_mode = static_cast<LockMode>(held), requested_mode = static_cast<LockMode>(requested);
      CHECK_MESSAGE(apply::locks_conflict(held_mode, requested_mode) ==
                        server_says_conflict(holder, requester, held_mode, requested_mode),
                    to_string(held_mode) << " held, " << to_string(requested_mode) << " requested");
    }
}

}  // namespace miglint::db_test
