#include "apply/status.hpp"

#include "apply/checksum.hpp"
#include "source/read_file.hpp"

#include <algorithm>
#include <map>

namespace miglint::apply {

namespace {

std::string contents(const InputFile& file) {
  if (file.text) return *file.text;
  std::string error;
  std::optional<std::string> text = read_file(file.path, error);
  if (!text) throw InputError(file.display + ": cannot read: " + error);
  return std::move(*text);
}

StatusKind kind_of_recorded(const HistoryRow& row, const std::string& file_checksum) {
  // An edited file makes any recorded state stale, a partial one most of
  // all: its statement count no longer points at the same statements.
  if (row.checksum != file_checksum) return StatusKind::Edited;
  switch (row.state) {
    case MigrationState::Applied: return StatusKind::Applied;
    case MigrationState::Partial: return StatusKind::Partial;
    case MigrationState::Failed: return StatusKind::Failed;
    case MigrationState::Baselined: return StatusKind::Baselined;
  }
  return StatusKind::Applied;
}

}  // namespace

std::string_view to_string(StatusKind kind) {
  switch (kind) {
    case StatusKind::Applied: return "applied";
    case StatusKind::Pending: return "pending";
    case StatusKind::Failed: return "failed";
    case StatusKind::Partial: return "partial";
    case StatusKind::Edited: return "edited";
    case StatusKind::Missing: return "missing";
    case StatusKind::OutOfOrder: return "out-of-order";
    case StatusKind::Baselined: return "baselined";
  }
  return "applied";
}

bool is_problem(StatusKind kind) {
  return kind == StatusKind::Edited || kind == StatusKind::Missing || kind == StatusKind::OutOfOrder;
}

bool needs_attention(StatusKind kind) {
  return is_problem(kind) || kind == StatusKind::Failed || kind == StatusKind::Partial;
}

std::vector<MigrationStatus> migration_statuses(const std::vector<MigrationPlan>& plans,
                                                const std::vector<HistoryRow>& rows) {
  std::map<std::string, const HistoryRow*> row_by_version;
  for (const HistoryRow& row : rows) row_by_version.emplace(row.version, &row);

  std::vector<MigrationStatus> statuses;
  std::size_t after_newest_recorded = 0;
  for (const MigrationPlan& plan : plans) {
    MigrationStatus status{plan.id, plan.name, StatusKind::Pending, &plan, std::nullopt, up_checksum(plan)};
    if (auto found = row_by_version.find(plan.id); found != row_by_version.end()) {
      status.row = *found->second;
      status.kind = kind_of_recorded(*status.row, status.file_checksum);
      row_by_version.erase(found);
      after_newest_recorded = statuses.size() + 1;
    }
    statuses.push_back(std::move(status));
  }
  for (std::size_t i = 0; i < after_newest_recorded; ++i)
    if (statuses[i].kind == StatusKind::Pending) statuses[i].kind = StatusKind::OutOfOrder;

  // Rows without a file, in the order they were applied.
  for (const HistoryRow& row : rows)
    if (row_by_version.contains(row.version))
      statuses.push_back({row.version, row.name, StatusKind::Missing, nullptr, row, ""});
  return statuses;
}

std::string up_checksum(const MigrationPlan& plan) {
  if (!plan.file) throw InputError(plan.down_file->display + ": a down file without its up file cannot be applied");
  return checksum(contents(*plan.file));
}

std::optional<std::string> down_checksum(const MigrationPlan& plan) {
  if (!plan.down_file) return std::nullopt;
  return checksum(contents(*plan.down_file));
}

}  // namespace miglint::apply
