#pragma once

#include "engine/rule_set.hpp"
#include "layouts/plan.hpp"
#include "source/placeholders.hpp"

#include <miglint/finding.hpp>

#include <memory>
#include <span>
#include <string>
#include <vector>

namespace miglint {

struct LintSettings {
  int pg_version = 15;
  const RuleSet* rules = nullptr;
  std::span<const Placeholder> placeholders;
  bool runner_sets_lock_timeout = false;
  bool keep_statement_text = false;  // Finding::statement, which only baselines read
};

struct MigrationResult {
  std::vector<Finding> findings;
  std::size_t files = 0;
  std::size_t statements = 0;
  std::vector<std::string> errors;  // files that could not be read
};

// Lints one migration at a time. Holds the parse buffers it reuses, so each
// thread keeps its own.
class MigrationLinter {
 public:
  struct Buffers;

  MigrationLinter();
  ~MigrationLinter();
  MigrationResult lint(const MigrationPlan& plan, const LintSettings& settings);

 private:
  std::unique_ptr<Buffers> buffers_;
};

}  // namespace miglint
