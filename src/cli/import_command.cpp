#include "apply/baseline.hpp"
#include "apply/import.hpp"
#include "cli/commands.hpp"
#include "cli/examples.hpp"
#include "cli/database_options.hpp"

#include <algorithm>
#include <iostream>

namespace miglint::cli {

namespace {

struct ImportOptions {
  DatabaseOptions database;
  std::string from;
  std::string source_table;
  bool skip_missing = false;
};

std::string listed(const std::vector<std::string>& versions) {
  std::string list;
  for (const std::string& version : versions) list += (list.empty() ? "" : ", ") + version;
  return list;
}

int run_import(const ImportOptions& options) {
  apply::ForeignRunner runner = *apply::parse_foreign_runner(options.from);
  std::string source_table =
      options.source_table.empty() ? std::string(apply::default_history_table(runner)) : options.source_table;
  std::vector<MigrationPlan> plans = discover_migrations(options.database);
  apply::History history = history_of(options.database);
  apply::Connection connection = connect(options.database);

  apply::ForeignHistory foreign = apply::read_foreign_history(connection, runner, source_table, plans);
  if (!foreign.without_file.empty()) {
    std::string versions = listed(foreign.without_file);
    if (!options.skip_missing)
      throw UsageError(options.from + " recorded versions that no migration under the paths given has: " +
                                 versions + ". Check the paths, or pass --skip-missing to import the others");
    std::cerr << "miglint: skipped " << options.from << " versions without a file: " << versions << '\n';
  }
  std::vector<std::string> recorded = apply::record_baselined(connection, history, foreign.applied);
  for (const MigrationPlan* plan : foreign.applied) {
    bool is_new = std::find(recorded.begin(), recorded.end(), plan->id) != recorded.end();
    std::cout << (is_new ? "imported  " : "kept      ") << plan->id << "  " << plan->name << '\n';
  }
  std::cout << recorded.size() << " of " << foreign.applied.size() << " migrations applied by " << options.from
            << " imported into " << history.table() << '\n';
  return kExitClean;
}

}  // namespace

Command add_import_command(CLI::App& app) {
  auto options = std::make_shared<ImportOptions>();
  CLI::App* import_app = app.add_subcommand(
      "import", "Record the migrations another runner applied, read from its history table, as baselined");
  add_database_options(*import_app, options->database);
  import_app->add_option("--from", options->from, "The runner whose history to read")
      ->required()
      ->check(CLI::IsMember(apply::foreign_runner_names()));
  import_app->add_option("--source-table", options->source_table,
                         "Its history table (default: schema_migrations, goose_db_version, flyway_schema_history "
                         "or _prisma_migrations)");
  import_app->add_flag("--skip-missing", options->skip_missing,
                       "Import what has a file even when the runner recorded versions that have none");
  import_app->footer(std::string(kImportExamples));
  return {import_app, [options] { return run_import(*options); }};
}

}  // namespace miglint::cli
