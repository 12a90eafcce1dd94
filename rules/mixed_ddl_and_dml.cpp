#include "support/quoted.hpp"
#include "support/statement_locks.hpp"

#include <miglint/context.hpp>
#include <miglint/rule.hpp>

#include <algorithm>
#include <string>

namespace miglint::rules {

namespace {

// Bulk data changes: INSERT ... VALUES adds a few known rows, INSERT ... SELECT ... FROM copies many.
bool changes_rows(const Node& statement) {
  std::string_view kind = statement.kind();
  return kind == "UpdateStmt" || kind == "DeleteStmt" || kind == "MergeStmt" ||
         (kind == "InsertStmt" && !statement.child("selectStmt").list("fromClause").empty());
}

// What a lock held on `table` keeps from other sessions.
std::string blocked(LockMode mode, const RelationName& table) {
  if (mode < LockMode::Share) return "other sessions' schema changes and VACUUM of " + quoted(table) + " wait";
  return std::string(traffic_blocked(mode)) + " on " + quoted(table) + " are blocked";
}

class MixedDdlAndDml final : public Rule {
 public:
  const RuleMeta& meta() const override { return kMeta; }
  void check_statement(const StatementFacts& facts, Context& context) const override {
    const Node& statement = facts.root;
    std::optional<TableLock> own = strongest_existing_lock(context);
    if (!own) return;
    std::string name(statement_name(statement.kind()));
    const MigrationState& state = context.state();
    if (changes_rows(statement)) {
      const std::vector<HeldLock>& held = state.held_locks();
      auto strongest = std::max_element(held.begin(), held.end(),
                                        [](const HeldLock& a, const HeldLock& b) { return a.mode < b.mode; });
      if (strongest == held.end()) return;
      context.report(finding_anchor(statement), name + " changes rows of existing table " + quoted(own->table) +
                                    " in the same transaction as " + std::string(statement_name(strongest->statement)) +
                                    " at line " + std::to_string(strongest->line) + ", whose " +
                                    std::string(to_string(strongest->mode)) + " lock on " +
                                    quoted(strongest->table) + " is held until the transaction commits: " +
                                    blocked(strongest->mode, strongest->table) + " for the whole data change");
    } else if (own->mode > LockMode::RowExclusive && state.data_change_line()) {
      context.report(finding_anchor(statement), name + " takes " + std::string(to_string(own->mode)) + " on existing table " +
                                    quoted(own->table) + " in the same transaction as the data change at line " +
                                    std::to_string(*state.data_change_line()) +
                                    ": the rows changed there stay locked while this statement waits for its lock, and then " +
                                    blocked(own->mode, own->table) + " until the transaction commits");
    }
  }

 private:
  static constexpr RuleMeta kMeta{
      .id = "mixed-ddl-and-dml",
      .severity = Severity::Warning,
      .summary = "A data change and a schema change of existing tables run in the same transaction",
      .rationale =
          "Locks last until the transaction ends. When a schema change (ALTER TABLE, CREATE INDEX, ...) and "
          "an UPDATE, DELETE, MERGE or INSERT ... SELECT of existing tables share a transaction, the schema "
          "change's lock (ACCESS EXCLUSIVE for most ALTER TABLE forms: reads and writes blocked) is held for "
          "the whole data change, which takes as long as the rows it touches; in the other order, the changed "
          "rows stay locked while the schema change waits for its lock. Runners that wrap a migration in a "
          "transaction (goose, dbmate, Flyway, miglint) put all of its statements in one. Tables created in "
          "the migration are exempt.",
      .safe_alternative =
          "Separate them: the schema change in a migration of its own, committed quickly with SET "
          "lock_timeout; the data change in another migration (or a background job), in batches that each "
          "commit on their own.",
      .bad = "ALTER TABLE users ADD COLUMN note text;\nUPDATE users SET note = '' WHERE id <= 1000;",
      .good = "-- miglint:no-transaction\nSET lock_timeout = '5s';\nALTER TABLE users ADD COLUMN note text;\n"
              "UPDATE users SET note = '' WHERE id <= 1000;",
      .versions = {},
      .lock = {LockMode::AccessExclusive, TableEffect::None, "users"},
  };
};

}  // namespace

const Rule& mixed_ddl_and_dml() {
  static const MixedDdlAndDml rule;
  return rule;
}

}  // namespace miglint::rules
