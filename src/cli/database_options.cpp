#include "cli/database_options.hpp"

#include "cli/commands.hpp"
#include "config/groups.hpp"

#include <iterator>

namespace miglint::cli {

void add_database_options(CLI::App& command, DatabaseOptions& options) {
  add_migration_options(command, options);
  command.add_option("--db", options.db,
                     "PostgreSQL connection URL or conninfo (default: DATABASE_URL, else libpq's PG* variables)");
  command.add_option("--history-table", options.history_table, "miglint's history table, optionally schema-qualified")
      ->capture_default_str();
}

void add_reading_options(CLI::App& command, std::string& layout, std::string& config, bool& no_config) {
  std::vector<std::string_view> names = layout_names();
  command.add_option("--layout", layout, "Migration layout; detected per directory when absent")
      ->check(CLI::IsMember(std::vector<std::string>(names.begin(), names.end())));
  command.add_option("--config", config, "Use this config file for every path, instead of the miglint.toml nearest each")
      ->check(CLI::ExistingFile);
  command.add_flag("--no-config", no_config, "Ignore miglint.toml files")->excludes("--config");
}

void add_migration_options(CLI::App& command, DatabaseOptions& options) {
  command.add_option("paths", options.paths, "Migration files, directories (recursive) or globs")->required();
  add_reading_options(command, options.layout, options.config, options.no_config);
}

std::vector<ConfiguredMigrations> discover_configured(const DatabaseOptions& options) {
  CommandLineChoices command_line;
  if (!options.layout.empty()) command_line.layout = parse_layout(options.layout);
  ConfigChoice config_choice{std::nullopt, options.no_config, ""};
  if (!options.config.empty()) config_choice.explicit_file = options.config;
  std::vector<ConfiguredMigrations> configured;
  for (ConfigGroup& group : group_by_config(options.paths, config_choice)) {
    ResolvedConfig config(std::move(group.config), command_line);
    std::vector<MigrationPlan> plans = discover(group.inputs, {config.layout(), ""});
    configured.push_back({std::move(config), std::move(plans)});
  }
  return configured;
}

std::vector<MigrationPlan> discover_migrations(const DatabaseOptions& options) {
  std::vector<MigrationPlan> plans;
  for (ConfiguredMigrations& group : discover_configured(options))
    std::move(group.plans.begin(), group.plans.end(), std::back_inserter(plans));
  return plans;
}

apply::Connection connect(const DatabaseOptions& options) {
  return apply::Connection(apply::choose_conninfo(options.db));
}

apply::History history_of(const DatabaseOptions& options) {
  try {
    return apply::History(options.history_table);
  } catch (const std::invalid_argument& error) {
    throw UsageError(std::string("--history-table: ") + error.what());
  }
}

}  // namespace miglint::cli
