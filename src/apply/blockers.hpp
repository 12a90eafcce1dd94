#pragma once

#include <atomic>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace miglint::apply {

// Watches, from a connection of its own, which backends block ours. Once a
// lock wait has ended in a timeout, pg_blocking_pids() has nothing left to
// say; so it is asked while the statement waits.
class BlockerWatch {
 public:
  // Without a second connection (the server refused it) nothing is seen,
  // and the retries say so.
  BlockerWatch(const std::string& conninfo, int watched_pid);
  ~BlockerWatch();
  BlockerWatch(const BlockerWatch&) = delete;
  BlockerWatch& operator=(const BlockerWatch&) = delete;

  bool watching() const { return watching_; }
  // The pids seen blocking since the last call, in the order first seen.
  std::vector<int> take_blockers();

 private:
  void watch(const std::string& conninfo, int watched_pid);

  std::atomic<bool> stop_{false};
  std::atomic<bool> watching_{false};
  std::mutex mutex_;
  std::vector<int> blockers_;
  std::thread thread_;
};

}  // namespace miglint::apply
