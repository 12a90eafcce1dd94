#include "cli/commands.hpp"
#include "cli/database_options.hpp"
#include "cli/examples.hpp"
#include "cli/progress.hpp"
#include "config/groups.hpp"
#include "config/resolve.hpp"
#include "engine/check.hpp"
#include "layouts/changed.hpp"
#include "layouts/plan.hpp"
#include "report/baseline.hpp"
#include "report/report.hpp"

#include <miglint/registry.hpp>

#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <iostream>
#include <iterator>
#include <map>
#include <memory>

namespace miglint::cli {

namespace {

struct CheckOptions {
  std::vector<std::string> paths;
  std::string format = "tty";
  std::string fail_on;
  std::vector<std::string> select;
  std::vector<std::string> extend_select;
  std::vector<std::string> ignore;
  std::optional<int> pg_version;
  std::string layout;
  std::string config;
  bool no_config = false;
  std::string stdin_filename;
  unsigned jobs = 0;
  std::string color = "auto";
  std::string changed_since;
  bool no_progress = false;
  std::string baseline;
  std::string write_baseline;
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

CommandLineChoices command_line_choices(const CheckOptions& options) {
  CommandLineChoices choices;
  choices.pg_version = options.pg_version;
  if (!options.layout.empty()) choices.layout = parse_layout(options.layout);
  if (!options.fail_on.empty()) choices.fail_on = parse_severity(options.fail_on);
  if (!options.select.empty()) choices.select = rules_named(options.select, "--select");
  choices.extend_select = rules_named(options.extend_select, "--extend-select");
  choices.ignore = rules_named(options.ignore, "--ignore");
  return choices;
}

bool use_color(const std::string& mode) {
  if (mode == "always") return true;
  if (mode == "never") return false;
  const char* no_color = std::getenv("NO_COLOR");
  return ::isatty(STDOUT_FILENO) && !(no_color && *no_color);
}

void merge_into(CheckOutcome& outcome, CheckOutcome&& part) {
  outcome.summary.files += part.summary.files;
  outcome.summary.migrations += part.summary.migrations;
  outcome.summary.statements += part.summary.statements;
  std::move(part.findings.begin(), part.findings.end(), std::back_inserter(outcome.findings));
  std::move(part.errors.begin(), part.errors.end(), std::back_inserter(outcome.errors));
}

void check_baseline_options(const CheckOptions& options) {
  if (!options.baseline.empty() && !options.write_baseline.empty())
    throw UsageError("--baseline and --write-baseline cannot be combined: to refresh " + options.baseline +
                     ", run with --write-baseline " + options.baseline + " alone");
  bool uses_baseline = !options.baseline.empty() || !options.write_baseline.empty();
  bool reads_stdin = std::find(options.paths.begin(), options.paths.end(), "-") != options.paths.end();
  if (uses_baseline && reads_stdin && options.stdin_filename.empty())
    throw UsageError("a baseline matches findings by path: name standard input with --stdin-filename");
}

// --write-baseline records the findings instead of reporting them, but only
// from a complete run: an unread file would lose its entries.
int record_baseline(const std::string& file, const CheckOutcome& outcome) {
  for (const std::string& error : outcome.errors) std::cerr << "miglint: " << error << '\n';
  if (!outcome.errors.empty()) {
    std::cerr << "miglint: " << file << " not written: the files above could not be linted\n";
    return kExitUsage;
  }
  std::size_t recorded = write_baseline(file, outcome.findings);
  std::cerr << "miglint: " << file << ": recorded " << recorded << (recorded == 1 ? " finding\n" : " findings\n");
  return kExitClean;
}

// The migrations under one config file, ready to lint.
struct ConfiguredPlans {
  ResolvedConfig config;
  std::vector<MigrationPlan> plans;
};

// Every group is discovered before any is linted, so input errors come
// first and one progress bar covers them all.
std::vector<ConfiguredPlans> plans_by_config(const CheckOptions& options) {
  CommandLineChoices command_line = command_line_choices(options);
  ConfigChoice config_choice{std::nullopt, options.no_config, options.stdin_filename};
  if (!options.config.empty()) config_choice.explicit_file = options.config;
  std::vector<ConfiguredPlans> configured;
  for (ConfigGroup& group : group_by_config(options.paths, config_choice)) {
    ResolvedConfig config(std::move(group.config), command_line);
    for (const std::string& note : config.notes()) std::cerr << "miglint: note: " << note << '\n';
    std::vector<MigrationPlan> plans = discover(group.inputs, {config.layout(), options.stdin_filename});
    if (!options.changed_since.empty())
      plans = only_changed(std::move(plans), files_changed_since(options.changed_since, group.inputs));
    configured.push_back({std::move(config), std::move(plans)});
  }
  return configured;
}

struct LintRun {
  CheckOutcome outcome;
  std::map<std::string, Severity> fail_on_by_path;
  BaselineScope baseline_scope;
};

LintRun lint(const std::vector<ConfiguredPlans>& configured, const CheckOptions& options) {
  std::size_t total = 0;
  for (const ConfiguredPlans& group : configured) total += group.plans.size();
  if (!options.changed_since.empty() && total == 0)
    std::cerr << "miglint: no migrations changed since " << options.changed_since << '\n';
  CheckProgress progress(total, !options.no_progress);
  LintRun run;
  for (const auto& [config, plans] : configured) {
    CheckSettings settings{config.pg_version(), config.rules_to_run(), options.jobs, config.config().placeholders,
                           config.config().runner_sets_lock_timeout};
    settings.keep_statement_text = !options.baseline.empty() || !options.write_baseline.empty();
    CheckOutcome part = progress.check(plans, settings);
    if (!options.baseline.empty()) run.baseline_scope.add(plans, settings);
    apply_policies(part.findings, config);
    for (const Finding& finding : part.findings) run.fail_on_by_path.try_emplace(finding.path, config.fail_on());
    merge_into(run.outcome, std::move(part));
  }
  // Each group's findings are sorted already; only several groups need merging.
  if (configured.size() > 1) sort_findings(run.outcome.findings);
  return run;
}

int run_check(const CheckOptions& options) {
  ReportOptions report{*parse_format(options.format), use_color(options.color)};
  check_baseline_options(options);
  // Read before linting, so that a bad baseline fails at once.
  std::optional<Baseline> baseline;
  if (!options.baseline.empty()) baseline = read_baseline(options.baseline);

  LintRun run = lint(plans_by_config(options), options);
  CheckOutcome& outcome = run.outcome;
  if (!options.write_baseline.empty()) return record_baseline(options.write_baseline, outcome);
  std::optional<BaselineMatch> baselined;
  if (baseline) {
    baselined = apply_baseline(*baseline, outcome, run.baseline_scope);
    report.baseline = &*baselined;
  }

  write_report(std::cout, outcome, report);
  std::cout.flush();
  if (baselined) write_stale_entries(std::cerr, *baselined);
  for (const std::string& error : outcome.errors) std::cerr << "miglint: " << error << '\n';
  if (!outcome.errors.empty()) return kExitUsage;
  bool failed = std::any_of(outcome.findings.begin(), outcome.findings.end(), [&](const Finding& finding) {
    return finding.severity >= run.fail_on_by_path.at(finding.path);
  });
  return failed ? kExitFindings : kExitClean;
}

}  // namespace

Command add_check_command(CLI::App& app) {
  auto options = std::make_shared<CheckOptions>();
  CLI::App* check_app = app.add_subcommand("check", "Lint migrations: files, directories, globs, or - for stdin");
  check_app->add_option("paths", options->paths, "Migration files, directories (recursive) or globs")->required();
  check_app->add_option("--format", options->format, "Output format")
      ->check(CLI::IsMember(format_names()))
      ->capture_default_str();
  check_app->add_option("--fail-on", options->fail_on,
                        "Exit 1 when a finding is at least this severe (default: fail_on in miglint.toml, else warning)")
      ->check(CLI::IsMember({"error", "warning", "info"}));
  check_app->add_option("--select", options->select, "Only these rule ids (comma-separated); also turns on rules that are off by default");
  check_app->add_option("--extend-select", options->extend_select,
                        "Add these rule ids (comma-separated) to the default rules or to miglint.toml's select");
  check_app->add_option("--ignore", options->ignore, "Skip these rule ids (comma-separated), also where miglint.toml selects them");
  check_app->add_option("--pg-version", options->pg_version,
                        "Target PostgreSQL major version (default: pg_version in miglint.toml, else 15)")
      ->check(CLI::Range(9, 18));
  add_reading_options(*check_app, options->layout, options->config, options->no_config);
  check_app->add_option("--stdin-filename", options->stdin_filename, "The path that - stands for in messages");
  check_app->add_option("-j,--jobs", options->jobs, "Threads (default: one per core)");
  check_app->add_option("--color", options->color, "Colour the tty output")
      ->check(CLI::IsMember({"auto", "always", "never"}))
      ->capture_default_str();
  check_app->add_option("--changed-since", options->changed_since,
                        "Only migrations added or changed since the branch left this git ref, committed or not");
  check_app->add_flag("--no-progress", options->no_progress, "No progress bar on the terminal");
  check_app->add_option("--baseline", options->baseline,
                        "Report only findings this baseline file does not record, and the entries no longer found");
  check_app->add_option("--write-baseline", options->write_baseline,
                        "Record every finding in this baseline file instead of reporting them");
  check_app->footer(std::string(kCheckExamples));
  return {check_app, [options] { return run_check(*options); }};
}

}  // namespace miglint::cli
