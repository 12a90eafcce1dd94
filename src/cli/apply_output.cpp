#include "cli/apply_output.hpp"

#include "cli/progress.hpp"

#include <algorithm>
#include <cstdio>
#include <iostream>

namespace miglint::cli {

std::string seconds_text(std::chrono::milliseconds duration) {
  char text[32];
  std::snprintf(text, sizeof text, "%.2f s", duration.count() / 1000.0);
  return text;
}

std::string statement_excerpt(const std::string& sql, std::size_t width) {
  std::string line = sql.substr(0, sql.find('\n'));
  if (line.size() < sql.size()) line += " ...";
  if (line.size() > width) line = line.substr(0, width > 3 ? width - 3 : 0) + "...";
  return line;
}

namespace {

// "rolled back" -> "rolled_back"
std::string json_key(std::string words) {
  std::replace(words.begin(), words.end(), ' ', '_');
  return words;
}

}  // namespace

RunReporter::RunReporter(std::string verb, bool json, bool live)
    : verb_(std::move(verb)), json_(json), live_(live && stderr_is_smart_terminal()) {}

RunReporter::~RunReporter() { clear_live_line(); }

void RunReporter::clear_live_line() {
  if (live_width_ == 0) return;
  std::cerr << '\r' << std::string(live_width_, ' ') << '\r' << std::flush;
  live_width_ = 0;
}

void RunReporter::statement_started(const RunnableStatement& statement, std::size_t index, std::size_t count) {
  if (!live_) return;
  std::string prefix = current_version_ + " [" + std::to_string(index + 1) + "/" + std::to_string(count) + "] ";
  std::size_t columns = terminal_columns() - 1;
  std::string line = prefix + statement_excerpt(statement.sql, columns > prefix.size() ? columns - prefix.size() : 0);
  clear_live_line();
  std::cerr << line << std::flush;
  live_width_ = line.size();
}

void RunReporter::note(const std::string& message) {
  clear_live_line();
  if (json_)
    notes_.push_back(current_version_ + ": " + message);
  else
    std::cerr << "miglint: " << current_version_ << ": " << message << '\n';
}

void RunReporter::starting(const std::string& version) { current_version_ = version; }

void RunReporter::finished(const std::string& version, const std::string& name, const apply::RunResult& result) {
  clear_live_line();
  ++done_;
  if (json_) {
    migrations_.push_back({{"version", version}, {"name", name}, {"result", verb_},
                           {"transaction_mode", apply::to_string(result.mode)},
                           {"statements_sent", result.statements_sent}, {"resumed_after", result.resumed_after},
                           {"retries", result.retries}, {"elapsed_ms", result.elapsed.count()}});
    return;
  }
  std::cout << verb_ << ' ' << version << (name.empty() || name == version ? "" : " " + name) << " ("
            << apply::to_string(result.mode) << ", " << result.statements_sent
            << (result.statements_sent == 1 ? " statement" : " statements");
  if (result.resumed_after > 0) std::cout << ", resumed after " << result.resumed_after;
  if (result.retries > 0) std::cout << ", " << result.retries << (result.retries == 1 ? " retry" : " retries");
  std::cout << ") in " << seconds_text(result.elapsed) << std::endl;
}

void RunReporter::failed(const std::string& version, const std::string& name, const std::string& error) {
  clear_live_line();
  ++failed_;
  if (json_)
    migrations_.push_back({{"version", version}, {"name", name}, {"result", "failed"}, {"error", error}});
  else
    std::cerr << "miglint: " << version << " failed: " << error << '\n';
}

void RunReporter::summary(std::size_t up_to_date) {
  clear_live_line();
  if (json_) {
    nlohmann::json document{{"migrations", migrations_},
                            {"summary", {{json_key(verb_), done_}, {"failed", failed_}, {"unchanged", up_to_date}}},
                            {"notes", notes_}};
    std::cout << document.dump(2) << std::endl;
    return;
  }
  std::cout << done_ << ' ' << verb_ << ", " << failed_ << " failed, " << up_to_date
            << (verb_ == "applied" ? " already applied" : " left applied") << std::endl;
}

}  // namespace miglint::cli
