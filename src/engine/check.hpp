#pragma once

#include "layouts/plan.hpp"

#include <miglint/finding.hpp>
#include <miglint/rule.hpp>

#include <string>
#include <vector>

namespace miglint {

struct CheckSettings {
  int pg_version = 15;
  std::vector<const Rule*> rules;
  unsigned jobs = 0;  // 0: one per core
};

struct CheckSummary {
  std::size_t files = 0;
  std::size_t migrations = 0;
  std::size_t statements = 0;
};

struct CheckOutcome {
  std::vector<Finding> findings;  // by path, line, column
  CheckSummary summary;
  std::vector<std::string> errors;
};

// Lints the migrations in parallel; the outcome does not depend on the
// number of threads.
CheckOutcome check(const std::vector<MigrationPlan>& plans, const CheckSettings& settings);

// Lints SQL held in memory as one migration file of `layout`.
CheckOutcome check_text(std::string text, std::string display_path, Layout layout, const CheckSettings& settings);

}  // namespace miglint
