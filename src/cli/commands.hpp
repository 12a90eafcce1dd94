#pragma once

#include <CLI/CLI.hpp>

#include <functional>
#include <stdexcept>
#include <string_view>

namespace miglint::cli {

constexpr int kExitClean = 0;
constexpr int kExitFindings = 1;
constexpr int kExitUsage = 2;

// A command line CLI11 accepts but miglint cannot act on, such as an unknown rule id.
struct UsageError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// Names the offending `id` and lists every valid one; `where` is the option or command given it.
UsageError unknown_rule_id(std::string_view where, std::string_view id);

// A subcommand registered on the app. `run` is called once the command line
// is parsed, for the one subcommand given, and returns the exit code.
struct Command {
  CLI::App* app = nullptr;
  std::function<int()> run;
};

Command add_check_command(CLI::App& app);
Command add_rules_command(CLI::App& app);
Command add_explain_command(CLI::App& app);
Command add_status_command(CLI::App& app);
Command add_baseline_command(CLI::App& app);
Command add_accept_checksum_command(CLI::App& app);
Command add_import_command(CLI::App& app);
Command add_apply_command(CLI::App& app);
Command add_rollback_command(CLI::App& app);
Command add_verify_command(CLI::App& app);
Command add_trace_command(CLI::App& app);

}  // namespace miglint::cli
