#include "apply/selection.hpp"

#include <algorithm>

namespace miglint::apply {

namespace {

std::string refusal_for(const MigrationStatus& status) {
  switch (status.kind) {
    case StatusKind::Edited:
      return status.version + " was applied, but its file changed since (checksum " + status.file_checksum +
             ", recorded " + status.row->checksum + "): restore it, or record the edit with miglint accept-checksum";
    case StatusKind::Missing:
      return status.version + " is in the history, but no migration file has its version";
    case StatusKind::OutOfOrder:
      return status.version + " is pending but sorts before an applied migration: rename it, or pass "
                              "--allow-out-of-order";
    default: return "";
  }
}

bool is_recorded(const MigrationStatus& status) {
  return status.kind == StatusKind::Applied || status.kind == StatusKind::Baselined;
}

}  // namespace

Selection select_for_apply(const std::vector<MigrationStatus>& statuses, bool allow_out_of_order,
                           const std::optional<std::string>& to) {
  Selection selection;
  for (const MigrationStatus& status : statuses) {
    bool allowed = status.kind == StatusKind::OutOfOrder && allow_out_of_order;
    if (is_problem(status.kind) && !allowed) selection.refusals.push_back(refusal_for(status));
  }
  if (to && std::none_of(statuses.begin(), statuses.end(), [&](const MigrationStatus& s) { return s.version == *to; }))
    selection.refusals.push_back("--to " + *to + ": no migration has this version");
  if (!selection.refusals.empty()) return selection;
  for (const MigrationStatus& status : statuses) {
    if (status.kind == StatusKind::Pending || status.kind == StatusKind::OutOfOrder ||
        status.kind == StatusKind::Partial || status.kind == StatusKind::Failed)
      selection.migrations.push_back(&status);
    if (to && status.version == *to) break;
  }
  return selection;
}

Selection select_for_rollback(const std::vector<MigrationStatus>& statuses, int steps,
                              const std::optional<std::string>& to) {
  Selection selection;
  for (const MigrationStatus& status : statuses)
    if (is_problem(status.kind) && status.kind != StatusKind::OutOfOrder)
      selection.refusals.push_back(refusal_for(status));
  std::vector<const MigrationStatus*> recorded;
  for (const MigrationStatus& status : statuses)
    if (status.row && status.kind != StatusKind::Missing) recorded.push_back(&status);
  if (to) {
    auto target = std::find_if(recorded.begin(), recorded.end(), [&](const MigrationStatus* s) { return s->version == *to; });
    if (target == recorded.end())
      selection.refusals.push_back("--to " + *to + ": no applied migration has this version");
    else
      steps = static_cast<int>(recorded.end() - target - 1);
  }
  if (!selection.refusals.empty()) return selection;
  for (auto it = recorded.rbegin(); it != recorded.rend() && steps > 0; ++it, --steps) {
    if (!is_recorded(**it))
      selection.refusals.push_back((*it)->version + " is " + std::string(to_string((*it)->kind)) +
                                   ": run miglint apply to finish it before rolling it back");
    selection.migrations.push_back(*it);
  }
  return selection;
}

}  // namespace miglint::apply
