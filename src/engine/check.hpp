#pragma once

#include "layouts/plan.hpp"
#include "source/placeholders.hpp"

#include <miglint/finding.hpp>
#include <miglint/rule.hpp>

#include <functional>
#include <string>
#include <vector>

namespace miglint {

struct CheckSettings {
  int pg_version = 15;
  std::vector<const Rule*> rules;
  unsigned jobs = 0;  // 0: one per core
  std::vector<Placeholder> placeholders;  // replaced before parsing
  bool runner_sets_lock_timeout = false;  // every migration starts with a lock_timeout in force
  // Fill Finding::statement: a copy of each finding's statement, which only
  // a baseline needs.
  bool keep_statement_text = false;
  // Called by the worker threads, concurrently, as each migration is done.
  std::function<void(std::size_t done, std::size_t total)> on_progress = nullptr;
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

// By path, line, column, then rule id: the order of every report.
void sort_findings(std::vector<Finding>& findings);

// Lints SQL held in memory as one migration file of `layout`.
CheckOutcome check_text(std::string text, std::string display_path, Layout layout, const CheckSettings& settings);

}  // namespace miglint
