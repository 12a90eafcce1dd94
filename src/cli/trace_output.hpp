#pragma once

#include "apply/seed_rows.hpp"
#include "apply/trace.hpp"
#include "apply/trace_crosscheck.hpp"

#include <iosfwd>
#include <optional>
#include <vector>

namespace miglint::cli {

// One traced migration with what was done before it and found after it.
struct TracedMigration {
  apply::MigrationTrace trace;
  std::optional<apply::SeedOutcome> seed;  // with --seed-rows
  std::vector<apply::UnflaggedLock> unflagged;
};

// Per migration: each statement with its duration, locks and changes; the
// timeline of each relation's locks and rewrites; the verdict on the tables
// that existed before it; the trace-unflagged-lock findings.
void write_trace_text(std::ostream& out, const std::vector<TracedMigration>& migrations);
void write_trace_json(std::ostream& out, const std::vector<TracedMigration>& migrations, int server_version_num);

}  // namespace miglint::cli
