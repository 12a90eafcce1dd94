#pragma once

#include <pthread.h>

#include <functional>

namespace miglint {

// A thread whose stack holds the deepest tree miglint parses. libpg_query
// writes a tree out recursively, and rules look into expressions the same
// way, a stack frame per level; a statement nested as deeply as the reader
// lets through (a million tokens) needs far more than a thread's usual 8 MB.
// Only the pages a deep statement touches are ever resident.
class DeepStackThread {
 public:
  explicit DeepStackThread(std::function<void()> work);
  ~DeepStackThread();  // waits for the work to end
  DeepStackThread(const DeepStackThread&) = delete;
  DeepStackThread& operator=(const DeepStackThread&) = delete;

 private:
  static void* run(void* self);
  std::function<void()> work_;
  pthread_t thread_{};
};

}  // namespace miglint
