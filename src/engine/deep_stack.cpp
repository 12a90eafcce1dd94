#include "engine/deep_stack.hpp"

#include <cstddef>
#include <system_error>

namespace miglint {

namespace {

constexpr std::size_t kStackBytes = std::size_t{256} << 20;

}  // namespace

DeepStackThread::DeepStackThread(std::function<void()> work) : work_(std::move(work)) {
  pthread_attr_t attributes;
  pthread_attr_init(&attributes);
  pthread_attr_setstacksize(&attributes, kStackBytes);
  int error = pthread_create(&thread_, &attributes, &DeepStackThread::run, this);
  pthread_attr_destroy(&attributes);
  // Where the system will not reserve that much, a usual stack still lints
  // everything but the deepest statements.
  if (error) error = pthread_create(&thread_, nullptr, &DeepStackThread::run, this);
  if (error) throw std::system_error(error, std::generic_category(), "cannot start a thread");
}

DeepStackThread::~DeepStackThread() { pthread_join(thread_, nullptr); }

void* DeepStackThread::run(void* self) {
  static_cast<DeepStackThread*>(self)->work_();
  return nullptr;
}

}  // namespace miglint
