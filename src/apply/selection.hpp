#pragma once

#include "apply/status.hpp"

#include <optional>
#include <string>
#include <vector>

namespace miglint::apply {

// The migrations a command will run, in the order it runs them, or why it
// must run none.
struct Selection {
  std::vector<const MigrationStatus*> migrations;
  std::vector<std::string> refusals;
};

// Pending migrations in runner order, with those a stopped run left partial
// or failed, up to and including `to`. Refuses edited migrations, missing
// files, and (unless allowed) pending ones that sort before an applied one.
Selection select_for_apply(const std::vector<MigrationStatus>& statuses, bool allow_out_of_order,
                           const std::optional<std::string>& to);

// The newest `steps` applied migrations, or every one after `to`, newest
// first. Refuses when the history has problems or a chosen migration was
// left half done.
Selection select_for_rollback(const std::vector<MigrationStatus>& statuses, int steps,
                              const std::optional<std::string>& to);

}  // namespace miglint::apply
