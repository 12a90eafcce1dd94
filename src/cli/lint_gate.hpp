#pragma once

#include "apply/history.hpp"
#include "cli/database_options.hpp"
#include "engine/check.hpp"

#include <map>
#include <set>
#include <string>
#include <vector>

namespace miglint::cli {

struct GateOutcome {
  CheckOutcome blocking;  // the findings that stop the run, as `check` reports them
  // The waivers that silenced a finding, by the version of its migration.
  std::map<std::string, std::vector<apply::LintWaiver>> waivers_by_version;
};

// Lints the migrations about to run, each under its own config, for the
// server's major version. Findings at or above `fail_on` block, unless a
// waiver names their rule. The runner sets lock_timeout, and the rules are
// told so.
GateOutcome lint_gate(const std::vector<ConfiguredMigrations>& groups, const std::set<std::string>& versions,
                      int server_major_version, Severity fail_on, const std::vector<apply::LintWaiver>& waivers);

}  // namespace miglint::cli
