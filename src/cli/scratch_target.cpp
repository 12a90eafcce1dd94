#include "cli/scratch_target.hpp"

#include "apply/connection.hpp"
#include "apply/schema_snapshot.hpp"
#include "cli/apply_output.hpp"
#include "cli/commands.hpp"

#include <iostream>
#include <set>

namespace miglint::cli {

namespace {

// What a database holds beyond what every new database has, without the
// parts of a table or type (its columns, indexes, enum values), which its
// name stands for.
std::vector<std::string> objects_in(apply::Connection& connection) {
  static const std::set<std::string> parts{"column", "constraint", "index", "trigger", "policy", "enum value"};
  std::vector<std::string> objects;
  for (const auto& [key, object] : apply::take_schema_snapshot(connection)) {
    bool present_in_every_database = (key.kind == "schema" && key.name == "public") ||
                                     (key.kind == "extension" && key.name == "plpgsql");
    if (!present_in_every_database && !parts.contains(key.kind)) objects.push_back(key.kind + " " + key.name);
  }
  return objects;
}

void refuse_unless_empty(const std::string& conninfo) {
  apply::Connection connection(conninfo);
  std::vector<std::string> objects = objects_in(connection);
  if (objects.empty()) return;
  constexpr std::size_t shown = 3;
  std::string listed;
  for (std::size_t i = 0; i < std::min(shown, objects.size()); ++i) listed += (i ? ", " : "") + objects[i];
  if (objects.size() > shown) listed += " and " + std::to_string(objects.size() - shown) + " more";
  throw UsageError("--db " + connection.describe() + " is not empty (" + listed +
                   "): miglint creates and drops objects there, so it needs an empty database; pass "
                   "--i-know-this-is-scratch if this one may be changed");
}

void warn_about_version(std::optional<int> wanted, int server_major) {
  if (wanted && *wanted != server_major)
    std::cerr << "miglint: warning: --pg-version is " << *wanted << " but the server is PostgreSQL " << server_major
              << "; what runs there may differ\n";
}

}  // namespace

void add_scratch_options(CLI::App& command, ScratchOptions& options) {
  command.add_option("--db", options.db,
                     "Use this empty database (URL or conninfo) instead of starting a scratch PostgreSQL");
  command.add_flag("--i-know-this-is-scratch", options.i_know_this_is_scratch,
                   "Accept a --db that is not empty: miglint will create and drop objects in it")
      ->needs("--db");
  command.add_option("--pg-version", options.pg_version,
                     "The PostgreSQL major version you deploy to: the scratch server's when installed; a warning when "
                     "the server's differs")
      ->check(CLI::Range(9, 99));
}

ScratchTarget::ScratchTarget(const ScratchOptions& options, const std::string& database) {
  if (options.db) {
    conninfo_ = *options.db;
    if (!options.i_know_this_is_scratch) refuse_unless_empty(conninfo_);
    apply::Connection connection(conninfo_);
    warn_about_version(options.pg_version, connection.server_major_version());
    description_ = connection.describe();
    return;
  }
  apply::ServerBinaries binaries = apply::find_server_binaries(options.pg_version);
  warn_about_version(options.pg_version, binaries.major_version);
  apply::stop_scratch_clusters_on_signals();
  cluster_ = std::make_unique<apply::ScratchCluster>(binaries);
  conninfo_ = cluster_->create_database(database);
  description_ = "a scratch PostgreSQL " + std::to_string(binaries.major_version) + " (started in " +
                 seconds_text(cluster_->start_time()) + ")";
}

}  // namespace miglint::cli
