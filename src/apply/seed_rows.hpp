#pragma once

#include "apply/connection.hpp"

#include <set>
#include <string>
#include <vector>

namespace miglint::apply {

struct SeedOutcome {
  std::vector<std::string> seeded;   // "users: 10000 rows"
  std::vector<std::string> skipped;  // "orders: insert or update on table ... violates foreign key ..."
};

// Inserts `rows` generated rows into every ordinary table of the database
// not in `already_seeded`, and adds them to it, so that scans and rewrites
// traced afterwards work on real data. A column with a default, an
// identity or a generated value is left to it; the others get a value made
// from generate_series for their type. When that breaks a constraint, only
// the NOT NULL columns are filled; when that fails too, the table is
// skipped, with the server's reason.
SeedOutcome seed_rows(Connection& connection, long long rows, std::set<std::string>& already_seeded);

}  // namespace miglint::apply
