#pragma once

#include "apply/connection.hpp"
#include "apply/history.hpp"
#include "config/resolve.hpp"
#include "layouts/plan.hpp"

#include <CLI/CLI.hpp>

#include <optional>
#include <string>
#include <vector>

namespace miglint::cli {

// What every command that works on a database is told: where the
// migrations are, how to read them, and which server and history table.
struct DatabaseOptions {
  std::vector<std::string> paths;
  std::optional<std::string> db;
  std::string history_table = "miglint.schema_migrations";
  std::string layout;
  std::string config;
  bool no_config = false;
};

void add_database_options(CLI::App& command, DatabaseOptions& options);
// Only the paths, --layout, --config and --no-config: for commands that do
// not use --db as the others do, nor a history table.
// --layout, --config and --no-config: how every command reads migrations.
void add_reading_options(CLI::App& command, std::string& layout, std::string& config, bool& no_config);
void add_migration_options(CLI::App& command, DatabaseOptions& options);

// The migrations under one config file, in their runner's order.
struct ConfiguredMigrations {
  ResolvedConfig config;
  std::vector<MigrationPlan> plans;
};

// Each path with the miglint.toml nearest it (or --config, or none), in the
// order the paths were given.
std::vector<ConfiguredMigrations> discover_configured(const DatabaseOptions& options);
// Every group's migrations, one after the other: the order they run in.
std::vector<MigrationPlan> discover_migrations(const DatabaseOptions& options);

apply::Connection connect(const DatabaseOptions& options);
// Throws UsageError for a name that is not `table` or `schema.table`.
apply::History history_of(const DatabaseOptions& options);

}  // namespace miglint::cli
