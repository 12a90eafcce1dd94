#pragma once

#include "apply/executor.hpp"

#include <iosfwd>
#include <vector>

namespace miglint::cli {

// `apply --dry-run`: each migration's transaction mode and timeouts, and
// each statement with the locks it takes, or why it is not sent.
void write_dry_run(std::ostream& out, const std::vector<const apply::MigrationRun*>& migrations,
                   int server_version_num, const apply::Timeouts& timeouts, bool json);

}  // namespace miglint::cli
