#pragma once

#include "apply/connection.hpp"

#include <optional>
#include <string>
#include <vector>

namespace miglint::apply {

// Where a migration stands in the history table.
enum class MigrationState {
  Applied,  // ran to the end and was recorded
  Partial,  // non-transactional: stopped after `statements_applied` statements
  Failed,   // non-transactional: a statement failed; `statements_applied` ran before it
  Baselined,  // marked as applied by `miglint baseline` or an import, never run by miglint
};

std::string_view to_string(MigrationState state);
std::optional<MigrationState> parse_migration_state(std::string_view text);

enum class TransactionMode { Transactional, NonTransactional };
std::string_view to_string(TransactionMode mode);

struct LintWaiver {
  std::string rule;
  std::string reason;
};

struct HistoryRow {
  std::string version;
  std::string name;
  std::string checksum;       // sha256:... of the up part's bytes
  std::optional<std::string> down_checksum;
  TransactionMode mode = TransactionMode::Transactional;
  MigrationState state = MigrationState::Applied;
  std::string applied_at;     // set by the server (now()), read back as text
  long long execution_ms = 0;
  std::string applied_by;     // current_user, set by the server
  std::string miglint_version;
  std::vector<LintWaiver> waivers;
  int statements_applied = 0;  // for non-transactional migrations
  std::vector<std::string> checksum_acceptances;  // accept-checksum reasons, oldest first
};

// The history table, `miglint.schema_migrations` unless configured.
class History {
 public:
  // `table` may be schema-qualified: "miglint.schema_migrations".
  // Throws std::invalid_argument when it is not `table` or `schema.table`.
  explicit History(std::string table);

  const std::string& table() const { return table_; }
  // The name to splice into SQL, every part quoted: "miglint"."schema_migrations".
  const std::string& quoted_name() const { return qualified_; }
  // CREATE SCHEMA / TABLE IF NOT EXISTS unless the table exists; safe to run
  // concurrently. Outside a transaction: a lost race is an error it forgives.
  void ensure_table(Connection& connection) const;
  bool exists(Connection& connection) const;
  // Every row, by version in runner order is the caller's business; here by applied_at.
  std::vector<HistoryRow> rows(Connection& connection) const;
  // INSERT ... ON CONFLICT (version) DO UPDATE: the row as given, with
  // applied_at, applied_by set by the server.
  void record(Connection& connection, const HistoryRow& row) const;
  void remove(Connection& connection, const std::string& version) const;
  // accept-checksum: the file's checksums replace the recorded ones, and
  // `reason` is appended to checksum_acceptances with the server's time and
  // current_user. applied_at and applied_by stay as they were.
  void accept_checksum(Connection& connection, const std::string& version, const std::string& checksum,
                       const std::optional<std::string>& down_checksum, const std::string& reason) const;
  // The key for pg_try_advisory_lock: derived from the table's name, so
  // two histories in one database do not block each other.
  long long advisory_lock_key() const;

 private:
  std::string table_;
  std::string qualified_;
  std::string schema_;  // quoted; empty when the name has no schema
};

}  // namespace miglint::apply
