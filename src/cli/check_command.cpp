#include "cli/commands.hpp"
#include "engine/check.hpp"
#include "layouts/plan.hpp"
#include "report/report.hpp"

#include <miglint/registry.hpp>

#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <iostream>
#include <memory>

namespace miglint::cli {

namespace {

struct CheckOptions {
  std::vector<std::string> paths;
  std::string format = "tty";
  std::string fail_on = "warning";
  std::vector<std::string> select;
  std::vector<std::string> ignore;
  int pg_version = 15;
  std::string layout;
  std::string stdin_filename;
  unsigned jobs = 0;
  std::string color = "auto";
};

// --select a,b --select c: comma lists, repeatable.
std::vector<const Rule*> rules_named(const std::vector<std::string>& lists, std::string_view option) {
  std::vector<const Rule*> rules;
  for (const std::string& list : lists) {
    std::size_t start = 0;
    while (start <= list.size()) {
      std::size_t comma = std::min(list.find(',', start), list.size());
      std::string id = list.substr(start, comma - start);
      start = comma + 1;
      if (id.empty()) continue;
      const Rule* rule = find_rule(id);
      if (!rule) throw unknown_rule_id(option, id);
      rules.push_back(rule);
    }
  }
  return rules;
}

std::vector<const Rule*> selected_rules(const CheckOptions& options) {
  std::vector<const Rule*> chosen = rules_named(options.select, "--select");
  std::vector<const Rule*> ignored = rules_named(options.ignore, "--ignore");
  auto listed = [](const std::vector<const Rule*>& rules, const Rule* rule) {
    return std::find(rules.begin(), rules.end(), rule) != rules.end();
  };
  std::vector<const Rule*> selected;
  for (const Rule* rule : all_rules()) {
    bool wanted = chosen.empty() ? rule->meta().enabled_by_default : listed(chosen, rule);
    if (wanted && !listed(ignored, rule)) selected.push_back(rule);
  }
  return selected;
}

bool use_color(const std::string& mode) {
  if (mode == "always") return true;
  if (mode == "never") return false;
  const char* no_color = std::getenv("NO_COLOR");
  return ::isatty(STDOUT_FILENO) && !(no_color && *no_color);
}

int run_check(const CheckOptions& options) {
  ReportOptions report{*parse_format(options.format), use_color(options.color)};
  Severity fail_on = *parse_severity(options.fail_on);
  DiscoverOptions discover_options;
  if (!options.layout.empty()) discover_options.layout = parse_layout(options.layout);
  discover_options.stdin_filename = options.stdin_filename;
  CheckSettings settings{options.pg_version, selected_rules(options), options.jobs};

  std::vector<MigrationPlan> plans = discover(options.paths, discover_options);
  CheckOutcome outcome = check(plans, settings);
  write_report(std::cout, outcome, report);
  std::cout.flush();
  for (const std::string& error : outcome.errors) std::cerr << "miglint: " << error << '\n';
  if (!outcome.errors.empty()) return kExitUsage;
  bool failed = std::any_of(outcome.findings.begin(), outcome.findings.end(),
                            [&](const Finding& finding) { return finding.severity >= fail_on; });
  return failed ? kExitFindings : kExitClean;
}

std::vector<std::string> layout_names() {
  std::vector<std::string> names;
  for (Layout layout : {Layout::Miglint, Layout::UpDownFiles, Layout::Dbmate, Layout::Goose, Layout::Flyway,
                        Layout::Prisma, Layout::Sqitch, Layout::Plain})
    names.emplace_back(to_string(layout));
  names.emplace_back("popx");
  return names;
}

}  // namespace

Command add_check_command(CLI::App& app) {
  auto options = std::make_shared<CheckOptions>();
  CLI::App* check_app = app.add_subcommand("check", "Lint migrations: files, directories, globs, or - for stdin");
  check_app->add_option("paths", options->paths, "Migration files, directories (recursive) or globs")->required();
  check_app->add_option("--format", options->format, "Output format")
      ->check(CLI::IsMember(format_names()))
      ->capture_default_str();
  check_app->add_option("--fail-on", options->fail_on, "Exit 1 when a finding is at least this severe")
      ->check(CLI::IsMember({"error", "warning", "info"}))
      ->capture_default_str();
  check_app->add_option("--select", options->select, "Only these rule ids (comma-separated); also turns on rules that are off by default");
  check_app->add_option("--ignore", options->ignore, "Skip these rule ids (comma-separated)");
  check_app->add_option("--pg-version", options->pg_version, "Target PostgreSQL major version")
      ->check(CLI::Range(9, 18))
      ->capture_default_str();
  check_app->add_option("--layout", options->layout, "Migration layout; detected per directory when absent")
      ->check(CLI::IsMember(layout_names()));
  check_app->add_option("--stdin-filename", options->stdin_filename, "The path that - stands for in messages");
  check_app->add_option("-j,--jobs", options->jobs, "Threads (default: one per core)");
  check_app->add_option("--color", options->color, "Colour the tty output")
      ->check(CLI::IsMember({"auto", "always", "never"}))
      ->capture_default_str();
  return {check_app, [options] { return run_check(*options); }};
}

}  // namespace miglint::cli
