#include "apply/history.hpp"

#include <nlohmann/json.hpp>

#include <cctype>
#include <cstdint>
#include <stdexcept>

namespace miglint::apply {

namespace {

// "app.Migrations" names app.migrations, as it would in SQL; a part in
// double quotes keeps its case and may hold dots.
std::vector<std::string> name_parts(std::string_view table) {
  std::vector<std::string> parts(1);
  bool quoted = false;
  for (std::size_t i = 0; i < table.size(); ++i) {
    char c = table[i];
    if (c == '"') {
      if (quoted && i + 1 < table.size() && table[i + 1] == '"') {
        parts.back().push_back('"');
        ++i;
      } else {
        quoted = !quoted;
      }
    } else if (c == '.' && !quoted) {
      parts.emplace_back();
    } else {
      parts.back().push_back(quoted ? c : static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
    }
  }
  if (quoted || parts.size() > 2 || parts.front().empty() || parts.back().empty())
    throw std::invalid_argument("history table \"" + std::string(table) + "\" is not a table name or schema.table");
  return parts;
}

// Always quoted: equivalent to quote_ident, and safe for names that are
// keywords without a list of them.
std::string quoted_identifier(const std::string& identifier) {
  std::string result = "\"";
  for (char c : identifier) {
    if (c == '"') result.push_back('"');
    result.push_back(c);
  }
  return result + "\"";
}

bool is_duplicate_object(const DatabaseError& error) {
  // Two sessions creating the same schema or table at once: the loser hits
  // the catalog's unique index (23505) or, if the winner committed first,
  // the duplicate itself (42P06, 42P07).
  return error.sqlstate == "23505" || error.sqlstate == "42P06" || error.sqlstate == "42P07";
}

void run_tolerating_a_concurrent_creator(Connection& connection, const std::string& sql) {
  try {
    connection.run(sql);
  } catch (const DatabaseError& error) {
    if (!is_duplicate_object(error)) throw;
  }
}

std::string waivers_json(const std::vector<LintWaiver>& waivers) {
  nlohmann::json array = nlohmann::json::array();
  for (const LintWaiver& waiver : waivers) array.push_back({{"rule", waiver.rule}, {"reason", waiver.reason}});
  return array.dump();
}

std::vector<LintWaiver> parse_waivers(const std::string& text) {
  std::vector<LintWaiver> waivers;
  for (const nlohmann::json& waiver : nlohmann::json::parse(text))
    waivers.push_back({waiver.value("rule", ""), waiver.value("reason", "")});
  return waivers;
}

const std::string& required(const std::optional<std::string>& value) {
  static const std::string empty;
  return value ? *value : empty;
}

}  // namespace

std::string_view to_string(MigrationState state) {
  switch (state) {
    case MigrationState::Applied: return "applied";
    case MigrationState::Partial: return "partial";
    case MigrationState::Failed: return "failed";
    case MigrationState::Baselined: return "baselined";
  }
  return "applied";
}

std::optional<MigrationState> parse_migration_state(std::string_view text) {
  for (MigrationState state :
       {MigrationState::Applied, MigrationState::Partial, MigrationState::Failed, MigrationState::Baselined})
    if (to_string(state) == text) return state;
  return std::nullopt;
}

std::string_view to_string(TransactionMode mode) {
  return mode == TransactionMode::Transactional ? "transaction" : "autocommit";
}

namespace {

std::optional<TransactionMode> parse_transaction_mode(std::string_view text) {
  for (TransactionMode mode : {TransactionMode::Transactional, TransactionMode::NonTransactional})
    if (to_string(mode) == text) return mode;
  return std::nullopt;
}

}  // namespace

History::History(std::string table) : table_(std::move(table)) {
  std::vector<std::string> parts = name_parts(table_);
  qualified_ = parts.size() == 2 ? quoted_identifier(parts.front()) + "." + quoted_identifier(parts.back()) : quoted_identifier(parts.front());
  if (parts.size() == 2) schema_ = quoted_identifier(parts.front());
}

void History::ensure_table(Connection& connection) const {
  if (exists(connection)) return;
  if (!schema_.empty()) run_tolerating_a_concurrent_creator(connection, "CREATE SCHEMA IF NOT EXISTS " + schema_);
  run_tolerating_a_concurrent_creator(connection, "CREATE TABLE IF NOT EXISTS " + qualified_ + R"( (
  version text PRIMARY KEY,
  name text NOT NULL,
  checksum text NOT NULL,
  down_checksum text,
  transaction_mode text NOT NULL,
  state text NOT NULL,
  applied_at timestamptz NOT NULL DEFAULT now(),
  execution_ms bigint NOT NULL DEFAULT 0,
  applied_by text NOT NULL DEFAULT current_user,
  miglint_version text NOT NULL,
  waivers jsonb NOT NULL DEFAULT '[]',
  statements_applied integer NOT NULL DEFAULT 0,
  checksum_acceptances jsonb NOT NULL DEFAULT '[]'
))");
}

bool History::exists(Connection& connection) const {
  Result result = connection.run("SELECT to_regclass($1) IS NOT NULL", {qualified_});
  return result.rows.at(0).at(0) == "t";
}

std::vector<HistoryRow> History::rows(Connection& connection) const {
  if (!exists(connection)) return {};
  Result result = connection.run(
      "SELECT version, name, checksum, down_checksum, transaction_mode, state, applied_at::text, execution_ms, "
      "applied_by, miglint_version, waivers::text, statements_applied, checksum_acceptances::text FROM " +
      qualified_ + " ORDER BY applied_at, version");
  std::vector<HistoryRow> rows;
  for (const Row& values : result.rows) {
    HistoryRow row;
    row.version = required(values[0]);
    row.name = required(values[1]);
    row.checksum = required(values[2]);
    row.down_checksum = values[3];
    std::optional<TransactionMode> mode = parse_transaction_mode(required(values[4]));
    std::optional<MigrationState> state = parse_migration_state(required(values[5]));
    if (!mode || !state)
      throw std::runtime_error(table_ + ": row " + row.version + " has an unknown transaction_mode or state");
    row.mode = *mode;
    row.state = *state;
    row.applied_at = required(values[6]);
    row.execution_ms = std::stoll(required(values[7]));
    row.applied_by = required(values[8]);
    row.miglint_version = required(values[9]);
    row.waivers = parse_waivers(required(values[10]));
    row.statements_applied = std::stoi(required(values[11]));
    row.checksum_acceptances = nlohmann::json::parse(required(values[12])).get<std::vector<std::string>>();
    rows.push_back(std::move(row));
  }
  return rows;
}

void History::record(Connection& connection, const HistoryRow& row) const {
  connection.run(
      "INSERT INTO " + qualified_ +
          " (version, name, checksum, down_checksum, transaction_mode, state, execution_ms, miglint_version, waivers,"
          " statements_applied, checksum_acceptances)"
          " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9::jsonb, $10, $11::jsonb)"
          " ON CONFLICT (version) DO UPDATE SET name = excluded.name, checksum = excluded.checksum,"
          " down_checksum = excluded.down_checksum, transaction_mode = excluded.transaction_mode,"
          " state = excluded.state, applied_at = now(), execution_ms = excluded.execution_ms,"
          " applied_by = current_user, miglint_version = excluded.miglint_version, waivers = excluded.waivers,"
          " statements_applied = excluded.statements_applied, checksum_acceptances = excluded.checksum_acceptances",
      {row.version, row.name, row.checksum, row.down_checksum, std::string(to_string(row.mode)),
       std::string(to_string(row.state)), std::to_string(row.execution_ms), row.miglint_version,
       waivers_json(row.waivers), std::to_string(row.statements_applied),
       nlohmann::json(row.checksum_acceptances).dump()});
}

void History::remove(Connection& connection, const std::string& version) const {
  connection.run("DELETE FROM " + qualified_ + " WHERE version = $1", {version});
}

void History::accept_checksum(Connection& connection, const std::string& version, const std::string& checksum,
                              const std::optional<std::string>& down_checksum, const std::string& reason) const {
  connection.run("UPDATE " + qualified_ +
                     " SET checksum = $2, down_checksum = $3, checksum_acceptances = checksum_acceptances ||"
                     " jsonb_build_array(format('%s by %s: %s', now(), current_user, $4::text)) WHERE version = $1",
                 {version, checksum, down_checksum, reason});
}

long long History::advisory_lock_key() const {
  // FNV-1a of the quoted name: stable across releases and platforms, unlike
  // std::hash, so two miglint versions contend for the same key.
  std::uint64_t hash = 14695981039346656037ull;
  for (char c : "miglint history " + qualified_) {
    hash ^= static_cast<unsigned char>(c);
    hash *= 1099511628211ull;
  }
  return static_cast<long long>(hash);
}

}  // namespace miglint::apply
