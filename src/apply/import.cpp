#include "apply/import.hpp"

#include "layouts/naming.hpp"

#include <array>
#include <filesystem>
#include <map>

namespace miglint::apply {

namespace {

struct RunnerName {
  ForeignRunner runner;
  std::string_view name;
  std::string_view default_table;
};

constexpr std::array kRunners{
    RunnerName{ForeignRunner::GolangMigrate, "golang-migrate", "schema_migrations"},
    RunnerName{ForeignRunner::Dbmate, "dbmate", "schema_migrations"},
    RunnerName{ForeignRunner::Goose, "goose", "goose_db_version"},
    RunnerName{ForeignRunner::Flyway, "flyway", "flyway_schema_history"},
    RunnerName{ForeignRunner::Prisma, "prisma", "_prisma_migrations"},
};

const RunnerName& entry(ForeignRunner runner) {
  for (const RunnerName& known : kRunners)
    if (known.runner == runner) return known;
  return kRunners.front();
}

bool is_digit(char c) { return c >= '0' && c <= '9'; }

std::string without_leading_zeros(std::string_view digits) {
  while (digits.size() > 1 && digits.front() == '0') digits.remove_prefix(1);
  return std::string(digits);
}

// golang-migrate, dbmate and goose read the digits before the first `_` as
// a number: "0042_add_x" and 42 are one version.
std::string leading_number(std::string_view version) {
  std::size_t end = 0;
  while (end < version.size() && is_digit(version[end])) ++end;
  return without_leading_zeros(version.substr(0, end));
}

// Flyway compares dotted versions part by part as numbers, trailing zero
// parts aside: 1.01, 1_1 and 1.1.0 are all 1.1. Repeatable ids stay as they are.
std::string flyway_version(std::string_view version) {
  if (version.empty() || !is_digit(version.front())) return std::string(version);
  std::vector<std::string> parts;
  std::size_t start = 0;
  while (start <= version.size()) {
    std::size_t end = std::min(version.find_first_of("._", start), version.size());
    parts.push_back(without_leading_zeros(version.substr(start, end - start)));
    start = end + 1;
  }
  while (parts.size() > 1 && parts.back() == "0") parts.pop_back();
  std::string joined;
  for (const std::string& part : parts) joined += (joined.empty() ? "" : ".") + part;
  return joined;
}

// Whether dotted number `a` comes no later than `b` (both normalised).
bool at_most(std::string_view a, std::string_view b) {
  while (true) {
    std::string_view a_part = a.substr(0, a.find('.')), b_part = b.substr(0, b.find('.'));
    if (a_part.empty() && b_part.empty()) return true;
    if (a_part.empty()) a_part = "0";
    if (b_part.empty()) b_part = "0";
    if (a_part.size() != b_part.size()) return a_part.size() < b_part.size();
    if (a_part != b_part) return a_part < b_part;
    a.remove_prefix(std::min(a.size(), a_part.size() + 1));
    b.remove_prefix(std::min(b.size(), b_part.size() + 1));
  }
}

bool is_dotted_number(std::string_view key) {
  return !key.empty() && key.find_first_not_of("0123456789.") == std::string_view::npos;
}

std::string version_key(ForeignRunner runner, std::string_view version) {
  switch (runner) {
    case ForeignRunner::Flyway: return flyway_version(version);
    case ForeignRunner::Prisma: return std::string(version);
    default: return leading_number(version);
  }
}

std::string plan_key(ForeignRunner runner, const MigrationPlan& plan) {
  // Prisma records the migration's folder name, which it compares as text.
  if (runner == ForeignRunner::Prisma)
    return plan.file ? std::filesystem::path(plan.file->path).parent_path().filename().string() : plan.id;
  return version_key(runner, plan.id);
}

// The versions a runner's table says are applied.
struct AppliedVersions {
  std::map<std::string, std::string> written_by_key;  // each recorded version, by key
  std::optional<std::string> up_to_key;               // every version up to this one counts as applied too
};

AppliedVersions golang_migrate_versions(Connection& connection, const std::string& table) {
  // golang-migrate keeps one row: the version it reached, and whether it
  // stopped halfway through it.
  Result result = connection.run("SELECT version::text, dirty FROM " + table + " ORDER BY version DESC LIMIT 1");
  AppliedVersions applied;
  if (result.rows.empty()) return applied;
  const std::string& version = *result.rows[0][0];
  if (*result.rows[0][1] == "t")
    throw ImportRefused("golang-migrate marked version " + version +
                        " dirty: it failed partway, so what it left in the database is unknown. Repair the "
                        "database by hand, mark it clean with `migrate force <version>`, then import again");
  // -1 is golang-migrate's "no version".
  if (version.starts_with('-')) return applied;
  applied.written_by_key.emplace(version_key(ForeignRunner::GolangMigrate, version), version);
  applied.up_to_key = version_key(ForeignRunner::GolangMigrate, version);
  return applied;
}

AppliedVersions listed_versions(ForeignRunner runner, const Result& result) {
  AppliedVersions applied;
  for (const Row& row : result.rows) applied.written_by_key.emplace(version_key(runner, *row[0]), *row[0]);
  return applied;
}

AppliedVersions flyway_versions(Connection& connection, const std::string& table) {
  Result result =
      connection.run("SELECT version, type, script FROM " + table + " WHERE success ORDER BY installed_rank");
  AppliedVersions applied;
  // Later rows override earlier ones, as in Flyway's own reading.
  for (const Row& row : result.rows) {
    const std::string& type = *row[1];
    if (type == "SCHEMA") continue;  // Flyway creating the schema, not a migration
    std::string written;
    if (row[0]) {
      written = *row[0];
    } else {
      // A repeatable migration: miglint names it R__<description> after its file.
      std::optional<FlywayName> name = parse_flyway(std::filesystem::path(*row[2]).filename().string());
      if (!name) continue;
      written = "R__" + name->description;
    }
    std::string key = version_key(ForeignRunner::Flyway, written);
    if (type == "BASELINE") {
      applied.up_to_key = key;
    } else if (type == "DELETE" || type.starts_with("UNDO")) {
      applied.written_by_key.erase(key);
    } else {
      applied.written_by_key.insert_or_assign(key, written);
    }
  }
  return applied;
}

AppliedVersions applied_versions(Connection& connection, ForeignRunner runner, const std::string& table) {
  switch (runner) {
    case ForeignRunner::GolangMigrate: return golang_migrate_versions(connection, table);
    case ForeignRunner::Dbmate: return listed_versions(runner, connection.run("SELECT version FROM " + table));
    case ForeignRunner::Goose:
      // goose appends a row each time it applies or rolls back a version: the
      // latest one decides. Version 0 is the row goose writes for itself.
      return listed_versions(runner, connection.run("SELECT version_id::text FROM (SELECT DISTINCT ON (version_id) "
                                                    "version_id, is_applied FROM " + table +
                                                    " ORDER BY version_id, id DESC) latest "
                                                    "WHERE is_applied AND version_id <> 0"));
    case ForeignRunner::Flyway: return flyway_versions(connection, table);
    case ForeignRunner::Prisma:
      return listed_versions(runner, connection.run("SELECT DISTINCT migration_name FROM " + table +
                                                    " WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL"));
  }
  return {};
}

}  // namespace

std::optional<ForeignRunner> parse_foreign_runner(std::string_view name) {
  for (const RunnerName& known : kRunners)
    if (known.name == name) return known.runner;
  return std::nullopt;
}

std::vector<std::string> foreign_runner_names() {
  std::vector<std::string> names;
  for (const RunnerName& known : kRunners) names.emplace_back(known.name);
  return names;
}

std::string_view to_string(ForeignRunner runner) { return entry(runner).name; }

std::string_view default_history_table(ForeignRunner runner) { return entry(runner).default_table; }

ForeignHistory read_foreign_history(Connection& connection, ForeignRunner runner, const std::string& table,
                                    const std::vector<MigrationPlan>& plans) {
  // The server resolves the name as written and quotes it back, so the
  // name goes into the query as PostgreSQL spells it.
  Result resolved = connection.run("SELECT to_regclass($1)::text", {table});
  if (!resolved.rows.at(0).at(0))
    throw ImportRefused(std::string(to_string(runner)) + "'s history table " + table + " does not exist in " +
                        connection.describe());
  AppliedVersions applied = applied_versions(connection, runner, *resolved.rows[0][0]);

  ForeignHistory history;
  for (const MigrationPlan& plan : plans) {
    std::string key = plan_key(runner, plan);
    bool recorded = applied.written_by_key.erase(key) > 0;
    bool below = applied.up_to_key && is_dotted_number(key) && at_most(key, *applied.up_to_key);
    if (recorded || below) history.applied.push_back(&plan);
  }
  for (const auto& [key, written] : applied.written_by_key) history.without_file.push_back(written);
  return history;
}

}  // namespace miglint::apply
