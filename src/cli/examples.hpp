#pragma once

#include <string_view>

// The "Examples:" that end each --help. A test runs every `miglint` line,
// in order, in a project laid out as they assume: each must keep working.
namespace miglint::cli {

inline constexpr std::string_view kMainExamples = R"(Examples:
  # every migration under a directory, each in its runner's order
  miglint check migrations/
  # only the migrations this branch added or changed: a pull request gate
  miglint check --changed-since origin/main migrations/
  # every rule, then one in full
  miglint rules
  miglint explain require-concurrent-index
  # more options and examples for each command
  miglint check --help
)";

inline constexpr std::string_view kCheckExamples = R"(Examples:
  # every migration under a directory, each in its runner's order
  miglint check migrations/
  # a glob, quoted so that miglint expands it (** included)
  miglint check 'db/migrations/**/*.up.sql'
  # the staged version of a file, as a pre-commit hook sees it
  git show :migrations/0042_add_phone.sql | miglint check - --stdin-filename migrations/0042_add_phone.sql
  # only the migrations this branch added or changed: a pull request gate
  miglint check --changed-since origin/main migrations/
  # SARIF for GitHub code scanning, in a file
  miglint check --format sarif migrations/ > miglint.sarif
  # only these rules, or all but these
  miglint check --select require-concurrent-index,require-lock-timeout migrations/
  miglint check --ignore prefer-text,prefer-bigint migrations/
  # one config file for every path, instead of the miglint.toml nearest each
  miglint check --config miglint.toml migrations/
  # adopt miglint on old migrations: record their findings once, then report only new ones
  miglint check --write-baseline miglint-baseline.json migrations/
  miglint check --baseline miglint-baseline.json migrations/
)";

inline constexpr std::string_view kRulesExamples = R"(Examples:
  miglint rules
  # the rule reference in Markdown, as docs/rules.md holds it
  miglint rules --format markdown > rules.md
)";

inline constexpr std::string_view kExplainExamples = R"(Examples:
  miglint explain require-concurrent-index
)";

}  // namespace miglint::cli
