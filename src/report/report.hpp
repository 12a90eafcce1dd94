#pragma once

#include "engine/check.hpp"

#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

namespace miglint {

enum class Format { Tty, Json, Gcc, Github, Gitlab, Junit, Sarif };

std::optional<Format> parse_format(std::string_view name);
// The names --format takes, in the order help shows them.
std::vector<std::string> format_names();

struct BaselineMatch;

struct ReportOptions {
  Format format = Format::Tty;
  bool color = false;
  const BaselineMatch* baseline = nullptr;  // under --baseline, for the JSON report's stale entries
};

// Every output format goes through here, so none can mix with another.
void write_report(std::ostream& out, const CheckOutcome& outcome, const ReportOptions& options);

// Per-format writers.
void write_tty(std::ostream& out, const CheckOutcome& outcome, bool color);
void write_json(std::ostream& out, const CheckOutcome& outcome, const BaselineMatch* baseline);
void write_gcc(std::ostream& out, const CheckOutcome& outcome);
void write_sarif(std::ostream& out, const CheckOutcome& outcome);
void write_github(std::ostream& out, const CheckOutcome& outcome);
void write_gitlab(std::ostream& out, const CheckOutcome& outcome);
void write_junit(std::ostream& out, const CheckOutcome& outcome);

struct SeverityCounts {
  std::size_t errors = 0, warnings = 0, infos = 0;
};
SeverityCounts count_severities(const std::vector<Finding>& findings);

}  // namespace miglint
