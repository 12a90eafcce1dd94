#pragma once

#include "apply/history.hpp"
#include "layouts/plan.hpp"

#include <optional>
#include <string>
#include <vector>

namespace miglint::apply {

// What `miglint status` says of one migration, comparing the files with the
// history table.
enum class StatusKind {
  Applied,
  Pending,
  Failed,      // a non-transactional migration stopped at a failing statement
  Partial,     // a non-transactional migration was interrupted
  Edited,      // applied, but the file's checksum changed since
  Missing,     // in the history, but no file has its version
  OutOfOrder,  // pending, but sorts before the newest applied migration
  Baselined,   // marked as applied without running
};

std::string_view to_string(StatusKind kind);
// Whether `apply` must stop for it (Failed and Partial are resumed, not refused).
bool is_problem(StatusKind kind);
// Whether `miglint status` reports it as wrong: the problems, and the
// migrations a failure or an interruption left half done.
bool needs_attention(StatusKind kind);

struct MigrationStatus {
  std::string version;
  std::string name;
  StatusKind kind = StatusKind::Pending;
  const MigrationPlan* plan = nullptr;     // null for Missing
  std::optional<HistoryRow> row;           // null for Pending and OutOfOrder
  std::string file_checksum;               // of the file now; empty for Missing
};

// Files in runner order (discover's), matched to rows by version, then the
// rows no file matches. A recorded migration whose checksum differs is
// Edited whatever its state; the checksum reads CRLF as LF.
std::vector<MigrationStatus> migration_statuses(const std::vector<MigrationPlan>& plans,
                                                const std::vector<HistoryRow>& rows);

// The bytes whose checksum is recorded: the up part (the whole file for
// single-file layouts), and the down file where the layout has one.
std::string up_checksum(const MigrationPlan& plan);
std::optional<std::string> down_checksum(const MigrationPlan& plan);

}  // namespace miglint::apply
