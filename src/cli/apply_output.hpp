#pragma once

#include "apply/executor.hpp"

#include <nlohmann/json.hpp>

#include <chrono>
#include <iosfwd>
#include <string>

namespace miglint::cli {

// What `apply` and `rollback` print: one line per migration on standard
// output, notes on standard error, a live line for the running statement
// on a terminal; under --format json, one document at the end instead.
class RunReporter : public apply::ExecutionObserver {
 public:
  RunReporter(std::string verb, bool json, bool live);
  ~RunReporter() override;

  void statement_started(const RunnableStatement& statement, std::size_t index, std::size_t count) override;
  void note(const std::string& message) override;

  void starting(const std::string& version);
  void finished(const std::string& version, const std::string& name, const apply::RunResult& result);
  void failed(const std::string& version, const std::string& name, const std::string& error);
  // The counts, and the JSON document under --format json.
  void summary(std::size_t up_to_date);

 private:
  void clear_live_line();

  std::string verb_;  // "applied", "rolled back"
  bool json_;
  bool live_;
  std::string current_version_;
  std::size_t live_width_ = 0;
  std::size_t done_ = 0;
  std::size_t failed_ = 0;
  nlohmann::json migrations_ = nlohmann::json::array();
  nlohmann::json notes_ = nlohmann::json::array();
};

std::string seconds_text(std::chrono::milliseconds duration);
// The statement's first line, cut to `width` characters.
std::string statement_excerpt(const std::string& sql, std::size_t width);

}  // namespace miglint::cli
