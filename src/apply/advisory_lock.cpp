#include "apply/advisory_lock.hpp"

#include <algorithm>
#include <cstdio>
#include <optional>
#include <thread>

namespace miglint::apply {

namespace {

constexpr auto kFirstPoll = std::chrono::milliseconds(50);
constexpr auto kLongestPoll = std::chrono::milliseconds(1000);

bool try_lock(Connection& connection, long long key) {
  return connection.run("SELECT pg_try_advisory_lock($1)", {std::to_string(key)}).rows.at(0).at(0) == "t";
}

// pg_locks splits a bigint key into classid (high half) and objid (low
// half), with objsubid 1.
std::optional<LockHolder> holder_of(Connection& connection, long long key) {
  Result result = connection.run(
      "SELECT a.pid, coalesce(a.application_name, ''), a.backend_start::text FROM pg_locks l"
      " JOIN pg_stat_activity a ON a.pid = l.pid"
      " WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 1"
      " AND l.classid = (($1::bigint >> 32) & 4294967295)::oid AND l.objid = ($1::bigint & 4294967295)::oid",
      {std::to_string(key)});
  if (result.rows.empty()) return std::nullopt;
  const Row& row = result.rows.front();
  return LockHolder{std::stoi(row[0].value_or("0")), row[1].value_or(""), row[2].value_or("")};
}

std::string seconds(std::chrono::milliseconds duration) {
  char text[32];
  std::snprintf(text, sizeof text, "%.1f s", duration.count() / 1000.0);
  return text;
}

}  // namespace

AdvisoryLock::AdvisoryLock(Connection& connection, long long key, std::chrono::milliseconds wait,
                           const std::function<void(const LockHolder&)>& on_wait)
    : connection_(connection), key_(key) {
  auto deadline = std::chrono::steady_clock::now() + wait;
  std::chrono::milliseconds poll = kFirstPoll;
  int reported_pid = 0;
  while (!try_lock(connection_, key_)) {
    std::optional<LockHolder> holder = holder_of(connection_, key_);
    if (holder && holder->pid != reported_pid) {
      on_wait(*holder);
      reported_pid = holder->pid;
    }
    if (std::chrono::steady_clock::now() >= deadline)
      throw LockWaitTimeout("another miglint" +
                            (holder ? " (pid " + std::to_string(holder->pid) + ", " + holder->application_name + ")"
                                    : std::string()) +
                            " still holds the history lock after " + seconds(wait) + " (--lock-wait)");
    std::this_thread::sleep_for(std::min(poll, std::chrono::duration_cast<std::chrono::milliseconds>(
                                                   deadline - std::chrono::steady_clock::now() +
                                                   std::chrono::milliseconds(1))));
    poll = std::min(poll * 2, kLongestPoll);
  }
}

AdvisoryLock::~AdvisoryLock() {
  try {
    connection_.run("SELECT pg_advisory_unlock($1)", {std::to_string(key_)});
  } catch (const DatabaseError&) {
    // The session is gone, and its lock with it.
  }
}

}  // namespace miglint::apply
