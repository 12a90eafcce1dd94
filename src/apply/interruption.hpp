#pragma once

#include "apply/connection.hpp"

#include <chrono>
#include <string>

namespace miglint::apply {

// SIGINT and SIGTERM while migrations run. The first cancels the statement
// running on `connection` (PQcancel) and asks the executor to stop at its
// next safe point, with the history truthful; a second ends the process at
// once, as SIGKILL would. Call it before starting any thread that must not
// take these signals: they are blocked everywhere but in a thread of their
// own, so that nothing runs in a signal handler.
void stop_gracefully_on_signals(const Connection& connection);

// The signal that asked to stop, or 0.
int stop_requested();
// Sleeps for `duration`, or less if a stop is requested meanwhile; false then.
bool sleep_unless_stopped(std::chrono::milliseconds duration);
// "SIGTERM"
std::string signal_name(int signal);

// While it lives, a stop request cancels the statement running on the
// connection. A history write never runs inside one, so that it is never
// the write that a signal cancels.
class CancellableStatement {
 public:
  CancellableStatement();
  ~CancellableStatement();
  CancellableStatement(const CancellableStatement&) = delete;
  CancellableStatement& operator=(const CancellableStatement&) = delete;

  // False when a stop was requested first: the statement must not be sent.
  bool may_send() const { return may_send_; }

 private:
  bool may_send_ = false;
};

}  // namespace miglint::apply
