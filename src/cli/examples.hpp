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
  # apply, status, rollback, baseline, import: a runner; verify and trace: proofs on a scratch database
  miglint apply --help
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

// The database commands' examples need a server, so the test only checks
// that each --help has them; tests/db runs the commands themselves.
inline constexpr std::string_view kApplyExamples = R"(Examples:
  # what would run, in which transaction mode, with which locks and timeouts
  miglint apply --db postgresql://deploy@db.internal/app --dry-run migrations/
  # apply everything pending (DATABASE_URL, else libpq's PG* variables, when --db is absent)
  miglint apply migrations/
  # up to a version, waiving one rule with the reason recorded in the history
  miglint apply --to 20240115_001 --allow require-concurrent-index --reason "table holds 40 rows" migrations/
)";

inline constexpr std::string_view kRollbackExamples = R"(Examples:
  # undo the newest applied migration
  miglint rollback migrations/
  # undo every migration applied after a version
  miglint rollback --to 20240110_001 migrations/
)";

inline constexpr std::string_view kStatusExamples = R"(Examples:
  miglint status migrations/
  # in CI: fail on anything not applied, edited, missing or out of order
  miglint status --fail-on-pending --format json migrations/
)";

inline constexpr std::string_view kBaselineExamples = R"(Examples:
  # an existing database: record everything up to a version as applied, without running it
  miglint baseline --version 20240110_001 migrations/
)";

inline constexpr std::string_view kAcceptChecksumExamples = R"(Examples:
  miglint accept-checksum 20240110_001 --reason "comment typo fixed; same statements" migrations/
)";

inline constexpr std::string_view kImportExamples = R"(Examples:
  # switch from golang-migrate without re-running anything
  miglint import --from golang-migrate migrations/
  miglint import --from flyway --source-table flyway_schema_history db/migration/
)";

inline constexpr std::string_view kVerifyExamples = R"(Examples:
  # every DOWN undoes its UP, on a throwaway PostgreSQL that miglint starts and removes
  miglint verify migrations/
  # on an empty database of your own, as JSON
  miglint verify --db postgresql:///scratch --format json migrations/
)";

inline constexpr std::string_view kTraceExamples = R"(Examples:
  # the locks and rewrites each statement really takes, on a throwaway PostgreSQL
  miglint trace migrations/
  # with 100,000 rows in every existing table, for real durations
  miglint trace --seed-rows 100000 migrations/
)";

}  // namespace miglint::cli
