#include "apply/interruption.hpp"

#include <libpq-fe.h>

#include <pthread.h>
#include <unistd.h>

#include <condition_variable>
#include <csignal>
#include <mutex>
#include <thread>

namespace miglint::apply {

namespace {

// Shared by the signal thread and the thread that runs statements. Never
// destroyed: a signal may arrive while static destructors run.
struct StopState {
  std::mutex mutex;
  std::condition_variable stopped;
  int signal = 0;
  bool statement_running = false;
  PGcancel* cancel = nullptr;  // kept for as long as the signal thread lives
};

StopState& stop_state() {
  static StopState* state = new StopState;
  return *state;
}

[[noreturn]] void die_of(int signal) {
  std::signal(signal, SIG_DFL);
  sigset_t just_this;
  sigemptyset(&just_this);
  sigaddset(&just_this, signal);
  pthread_sigmask(SIG_UNBLOCK, &just_this, nullptr);
  raise(signal);
  _exit(128 + signal);
}

void on_signal(int signal) {
  StopState& state = stop_state();
  std::lock_guard lock(state.mutex);
  // Whoever signals twice wants the process gone, cleanup or not.
  if (state.signal != 0) die_of(signal);
  state.signal = signal;
  state.stopped.notify_all();
  if (state.statement_running && state.cancel != nullptr) {
    // A cancel that cannot be delivered leaves the statement to finish; the
    // executor stops after it all the same.
    char error[256];
    PQcancel(state.cancel, error, sizeof error);
  }
}

}  // namespace

void stop_gracefully_on_signals(const Connection& connection) {
  static std::once_flag installed;
  std::call_once(installed, [&] {
    stop_state().cancel = connection.new_cancel_handle();
    sigset_t signals;
    sigemptyset(&signals);
    sigaddset(&signals, SIGINT);
    sigaddset(&signals, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &signals, nullptr);
    std::thread([signals] {
      for (;;) {
        int received = 0;
        if (sigwait(&signals, &received) == 0) on_signal(received);
      }
    }).detach();
  });
}

int stop_requested() {
  StopState& state = stop_state();
  std::lock_guard lock(state.mutex);
  return state.signal;
}

bool sleep_unless_stopped(std::chrono::milliseconds duration) {
  StopState& state = stop_state();
  std::unique_lock lock(state.mutex);
  return !state.stopped.wait_for(lock, duration, [&] { return state.signal != 0; });
}

std::string signal_name(int signal) {
  if (signal == SIGINT) return "SIGINT";
  if (signal == SIGTERM) return "SIGTERM";
  return "signal " + std::to_string(signal);
}

CancellableStatement::CancellableStatement() {
  StopState& state = stop_state();
  std::lock_guard lock(state.mutex);
  may_send_ = state.signal == 0;
  state.statement_running = may_send_;
}

CancellableStatement::~CancellableStatement() {
  StopState& state = stop_state();
  std::lock_guard lock(state.mutex);
  state.statement_running = false;
}

}  // namespace miglint::apply
