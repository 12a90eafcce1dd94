#pragma once

#include "apply/connection.hpp"
#include "apply/executor.hpp"

#include <chrono>

namespace miglint::apply {

// The index a CREATE INDEX CONCURRENTLY leaves when it stops part way: it
// exists, INVALID, slows every write, and makes the next attempt fail with
// "already exists".
class ConcurrentIndexes {
 public:
  ConcurrentIndexes(Connection& connection, std::chrono::milliseconds lock_timeout, ExecutionObserver& observer);

  // Before re-running the statement an interrupted run was in: drops the
  // INVALID index it left, and says whether the build had in fact finished
  // (the index is valid) so that the statement must not run again.
  bool left_behind_by_interruption(const RunnableStatement& statement);
  // After the statement failed: drops the INVALID index it left, if any.
  void drop_if_invalid(const RunnableStatement& statement);

 private:
  Connection& connection_;
  std::chrono::milliseconds lock_timeout_;
  ExecutionObserver& observer_;
};

}  // namespace miglint::apply
