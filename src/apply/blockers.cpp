#include "apply/blockers.hpp"

#include "apply/connection.hpp"

#include <algorithm>
#include <chrono>
#include <sstream>
#include <utility>

namespace miglint::apply {

namespace {

// Shorter than the shortest useful lock_timeout, so that a wait it ends is seen.
constexpr auto kPollInterval = std::chrono::milliseconds(100);

// "{123,456}", PostgreSQL's text form of an int[].
std::vector<int> pids_in(const std::string& array) {
  std::vector<int> pids;
  std::string digits;
  std::istringstream items(array.substr(1, array.size() >= 2 ? array.size() - 2 : 0));
  while (std::getline(items, digits, ','))
    if (!digits.empty()) pids.push_back(std::stoi(digits));
  return pids;
}

}  // namespace

BlockerWatch::BlockerWatch(const std::string& conninfo, int watched_pid)
    : thread_([this, conninfo, watched_pid] { watch(conninfo, watched_pid); }) {}

BlockerWatch::~BlockerWatch() {
  stop_ = true;
  thread_.join();
}

std::vector<int> BlockerWatch::take_blockers() {
  std::lock_guard lock(mutex_);
  return std::exchange(blockers_, {});
}

void BlockerWatch::watch(const std::string& conninfo, int watched_pid) {
  try {
    Connection connection(conninfo, "miglint lock watch");
    watching_ = true;
    while (!stop_) {
      Result result = connection.run("SELECT pg_blocking_pids($1)::text", {std::to_string(watched_pid)});
      std::vector<int> seen = pids_in(result.rows.at(0).at(0).value_or("{}"));
      if (!seen.empty()) {
        std::lock_guard lock(mutex_);
        for (int pid : seen)
          if (std::find(blockers_.begin(), blockers_.end(), pid) == blockers_.end()) blockers_.push_back(pid);
      }
      std::this_thread::sleep_for(kPollInterval);
    }
  } catch (const DatabaseError&) {
    watching_ = false;
  }
}

}  // namespace miglint::apply
