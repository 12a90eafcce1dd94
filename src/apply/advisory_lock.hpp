#pragma once

#include "apply/connection.hpp"

#include <chrono>
#include <functional>
#include <string>

namespace miglint::apply {

// Who holds the lock we wait for, from pg_stat_activity.
struct LockHolder {
  int pid = 0;
  std::string application_name;
  std::string since;  // when its session started
};

// The session-level advisory lock that lets one miglint write a history
// at a time. Taken with pg_try_advisory_lock only: a blocking or
// transaction-scoped advisory lock would make CREATE INDEX CONCURRENTLY,
// which waits for every open transaction, wait for us.
class AdvisoryLock {
 public:
  // Polls with backoff until `wait` has passed; tells `on_wait` each time
  // the holder changes. Throws LockWaitTimeout when the lock stays taken.
  AdvisoryLock(Connection& connection, long long key, std::chrono::milliseconds wait,
               const std::function<void(const LockHolder&)>& on_wait);
  ~AdvisoryLock();
  AdvisoryLock(const AdvisoryLock&) = delete;
  AdvisoryLock& operator=(const AdvisoryLock&) = delete;

 private:
  Connection& connection_;
  long long key_;
};

struct LockWaitTimeout : std::runtime_error {
  using std::runtime_error::runtime_error;
};

}  // namespace miglint::apply
