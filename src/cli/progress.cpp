#include "cli/progress.hpp"

#include <sys/ioctl.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <iostream>
#include <mutex>
#include <string>
#include <string_view>

namespace miglint::cli {

// TERM=dumb: carriage returns may not take the cursor back.
bool stderr_is_smart_terminal() {
  const char* term = std::getenv("TERM");
  return ::isatty(STDERR_FILENO) && !(term && std::string_view(term) == "dumb");
}

std::size_t terminal_columns() {
  winsize size{};
  if (::ioctl(STDERR_FILENO, TIOCGWINSZ, &size) == 0 && size.ws_col > 0) return size.ws_col;
  return 80;
}

namespace {

// Up to this many migrations are linted before a bar could be read.
constexpr std::size_t kMostWithoutBar = 200;
// Often enough to look alive; rarely enough to cost nothing.
constexpr auto kRedrawInterval = std::chrono::milliseconds(100);
constexpr std::size_t kShortestBar = 10;

// "[=====     ]  42/300 migrations", one column short of the terminal's
// width so that it never wraps; the count is padded so that it stays put.
std::string progress_line(std::size_t done, std::size_t total, std::size_t columns) {
  std::string of_total = std::to_string(total);
  std::string so_far = std::to_string(done);
  so_far.insert(0, of_total.size() - so_far.size(), ' ');
  std::string count = so_far + "/" + of_total + " migrations";
  std::size_t width = columns - 1;
  if (width < count.size() + kShortestBar + 3) return count.substr(0, width);
  std::size_t bar = width - count.size() - 3;
  std::size_t filled = bar * done / total;
  return "[" + std::string(filled, '=') + std::string(bar - filled, ' ') + "] " + count;
}

}  // namespace

// One line on standard error, redrawn in place after a carriage return.
class ProgressBar {
 public:
  ProgressBar() = default;
  ProgressBar(const ProgressBar&) = delete;
  ProgressBar& operator=(const ProgressBar&) = delete;
  ~ProgressBar() {
    if (drawn_width_ > 0) std::cerr << '\r' << std::string(drawn_width_, ' ') << '\r' << std::flush;
  }

  // Called by every worker thread; one that finds another drawing moves on.
  void update(std::size_t done, std::size_t total) {
    auto now = std::chrono::steady_clock::now();
    std::unique_lock lock(mutex_, std::try_to_lock);
    if (!lock.owns_lock() || now < next_draw_) return;
    next_draw_ = now + kRedrawInterval;
    std::string line = progress_line(done, total, terminal_columns());
    std::cerr << '\r' << line << std::flush;
    drawn_width_ = std::max(drawn_width_, line.size());
  }

 private:
  std::mutex mutex_;
  std::chrono::steady_clock::time_point next_draw_{};
  std::size_t drawn_width_ = 0;
};

CheckProgress::CheckProgress(std::size_t total_migrations, bool wanted) : total_(total_migrations) {
  if (wanted && total_ > kMostWithoutBar && stderr_is_smart_terminal()) bar_ = std::make_unique<ProgressBar>();
}

CheckProgress::~CheckProgress() = default;

CheckOutcome CheckProgress::check(const std::vector<MigrationPlan>& plans, CheckSettings settings) {
  if (bar_)
    settings.on_progress = [this](std::size_t done, std::size_t) { bar_->update(checked_ + done, total_); };
  CheckOutcome outcome = miglint::check(plans, settings);
  checked_ += plans.size();
  return outcome;
}

}  // namespace miglint::cli
