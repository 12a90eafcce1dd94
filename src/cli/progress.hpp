#pragma once

#include "engine/check.hpp"

#include <memory>
#include <vector>

namespace miglint::cli {

class ProgressBar;

// Whether a line redrawn after a carriage return shows as one line there.
bool stderr_is_smart_terminal();
// The width of the terminal on standard error, 80 when it says none.
std::size_t terminal_columns();

// Runs check() over one or more sets of migrations, drawing one bar for
// all of them on standard error when that is a terminal and there are
// enough migrations to wait for; `wanted` is false under --no-progress.
// The bar is gone once this is destroyed, so the report starts on a clean line.
class CheckProgress {
 public:
  CheckProgress(std::size_t total_migrations, bool wanted);
  ~CheckProgress();
  CheckProgress(const CheckProgress&) = delete;
  CheckProgress& operator=(const CheckProgress&) = delete;

  CheckOutcome check(const std::vector<MigrationPlan>& plans, CheckSettings settings);

 private:
  std::unique_ptr<ProgressBar> bar_;
  std::size_t total_ = 0;
  std::size_t checked_ = 0;  // by earlier calls
};

}  // namespace miglint::cli
