#include "apply/status.hpp"
#include "cli/commands.hpp"
#include "cli/examples.hpp"
#include "cli/database_options.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <array>
#include <iostream>
#include <map>

namespace miglint::cli {

namespace {

using apply::MigrationStatus;
using apply::StatusKind;

struct StatusOptions {
  DatabaseOptions database;
  std::string format = "tty";
  bool fail_on_pending = false;
};

constexpr std::array kKinds{StatusKind::Applied, StatusKind::Baselined, StatusKind::Pending, StatusKind::OutOfOrder,
                            StatusKind::Edited,  StatusKind::Partial,   StatusKind::Failed,  StatusKind::Missing};

bool is_wrong(StatusKind kind, const StatusOptions& options) {
  return apply::needs_attention(kind) || (options.fail_on_pending && kind == StatusKind::Pending);
}

bool reports_statement_count(StatusKind kind) { return kind == StatusKind::Partial || kind == StatusKind::Failed; }

std::string detail(const MigrationStatus& status) {
  switch (status.kind) {
    case StatusKind::Edited:
      return "recorded " + status.row->checksum + ", file now " + status.file_checksum;
    case StatusKind::Partial:
    case StatusKind::Failed:
      return std::to_string(status.row->statements_applied) + " statements applied";
    case StatusKind::Missing: return "applied " + status.row->applied_at + ", but no file has this version";
    case StatusKind::OutOfOrder: return "pending, but sorts before the newest applied migration";
    case StatusKind::Applied:
    case StatusKind::Baselined: return status.row->applied_at;
    case StatusKind::Pending: return "";
  }
  return "";
}

std::map<StatusKind, int> count_kinds(const std::vector<MigrationStatus>& statuses) {
  std::map<StatusKind, int> counts;
  for (StatusKind kind : kKinds) counts[kind] = 0;
  for (const MigrationStatus& status : statuses) ++counts[status.kind];
  return counts;
}

// Wide enough for "out-of-order", the longest state, and two spaces.
constexpr std::size_t kStateColumnWidth = 14;

std::string padded(std::string_view text, std::size_t width) {
  std::string result(text);
  result.resize(std::max(width, text.size()), ' ');
  return result;
}

void write_tty(std::ostream& out, const std::vector<MigrationStatus>& statuses) {
  std::size_t version_width = 0, name_width = 0;
  for (const MigrationStatus& status : statuses) {
    version_width = std::max(version_width, status.version.size());
    name_width = std::max(name_width, status.name.size());
  }
  for (const MigrationStatus& status : statuses) {
    std::string line = padded(to_string(status.kind), kStateColumnWidth) + padded(status.version, version_width + 2);
    std::string more = detail(status);
    line += more.empty() ? status.name : padded(status.name, name_width + 2) + more;
    out << line << '\n';
  }
  std::map<StatusKind, int> counts = count_kinds(statuses);
  std::string summary;
  for (StatusKind kind : kKinds)
    if (counts[kind]) summary += (summary.empty() ? "" : ", ") + std::to_string(counts[kind]) + " " + std::string(to_string(kind));
  out << statuses.size() << (statuses.size() == 1 ? " migration" : " migrations") << (summary.empty() ? "" : ": ")
      << summary << '\n';
}

void write_json(std::ostream& out, const std::vector<MigrationStatus>& statuses, const apply::History& history,
                const StatusOptions& options) {
  nlohmann::json migrations = nlohmann::json::array();
  nlohmann::json summary = nlohmann::json::object();
  for (const auto& [kind, count] : count_kinds(statuses)) summary[std::string(to_string(kind))] = count;
  bool ok = true;
  for (const MigrationStatus& status : statuses) {
    const std::optional<apply::HistoryRow>& row = status.row;
    nlohmann::json entry{
        {"version", status.version},
        {"name", status.name},
        {"state", to_string(status.kind)},
        {"path", status.plan && status.plan->file ? nlohmann::json(status.plan->file->display) : nullptr},
        {"checksum", status.plan ? nlohmann::json(status.file_checksum) : nullptr},
        {"recorded_checksum", row ? nlohmann::json(row->checksum) : nullptr},
        {"applied_at", row ? nlohmann::json(row->applied_at) : nullptr},
        {"applied_by", row ? nlohmann::json(row->applied_by) : nullptr},
    };
    if (row && reports_statement_count(status.kind)) entry["statements_applied"] = row->statements_applied;
    if (row && !row->checksum_acceptances.empty()) entry["checksum_acceptances"] = row->checksum_acceptances;
    migrations.push_back(std::move(entry));
    ok = ok && !is_wrong(status.kind, options);
  }
  out << nlohmann::json{{"history_table", history.table()},
                        {"migrations", std::move(migrations)},
                        {"summary", std::move(summary)},
                        {"ok", ok}}
             .dump(2)
      << '\n';
}

int run_status(const StatusOptions& options) {
  std::vector<MigrationPlan> plans = discover_migrations(options.database);
  apply::History history = history_of(options.database);
  apply::Connection connection = connect(options.database);
  // rows() reads no table that is not there, and status creates none.
  std::vector<MigrationStatus> statuses = apply::migration_statuses(plans, history.rows(connection));
  if (options.format == "json")
    write_json(std::cout, statuses, history, options);
  else
    write_tty(std::cout, statuses);
  bool wrong = std::any_of(statuses.begin(), statuses.end(),
                           [&](const MigrationStatus& status) { return is_wrong(status.kind, options); });
  return wrong ? kExitFindings : kExitClean;
}

}  // namespace

Command add_status_command(CLI::App& app) {
  auto options = std::make_shared<StatusOptions>();
  CLI::App* status_app = app.add_subcommand(
      "status", "Compare the migrations with the database's history: exit 1 when one was edited, went missing, "
                "is out of order, failed or stopped partway");
  add_database_options(*status_app, options->database);
  status_app->add_option("--format", options->format, "Output format")
      ->check(CLI::IsMember({"tty", "json"}))
      ->capture_default_str();
  status_app->add_flag("--fail-on-pending", options->fail_on_pending, "Exit 1 when a migration is still pending");
  status_app->footer(std::string(kStatusExamples));
  return {status_app, [options] { return run_status(*options); }};
}

}  // namespace miglint::cli
