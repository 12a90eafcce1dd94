#include "support/quoted.hpp"

#include <miglint/context.hpp>
#include <miglint/locks.hpp>
#include <miglint/rule.hpp>


namespace miglint::rules {

namespace {

class RequirePrimaryKey final : public Rule {
 public:
  const RuleMeta& meta() const override { return kMeta; }
  // Judged when the migration is over: pg_dump and many generators add the
  // key with ALTER TABLE after the CREATE. A partition takes its parent's
  // key; a temporary table is gone at the end of the session; a down
  // section restores tables as they were.
  void check_migration(const MigrationFacts&, Context& context) const override {
    for (const CreatedTable& table : context.state().created_tables()) {
      if (table.has_primary_key || table.temporary || table.partition || table.section == SectionKind::Down) continue;
      context.report_at(table.mark, "table " + quoted(table.name) +
                                        " has no primary key: a logical replication publication rejects its UPDATEs "
                                        "and DELETEs, and adding one later builds the index under an " +
                                        std::string(to_string(LockMode::AccessExclusive)) + " lock, which blocks " +
                                        std::string(traffic_blocked(LockMode::AccessExclusive)) +
                                        ", and scans the table for NULLs");
    }
  }

 private:
  static constexpr RuleMeta kMeta{
      .id = "require-primary-key",
      .severity = Severity::Info,
      .summary = "CREATE TABLE without a primary key",
      .rationale =
          "Without a primary key, rows cannot be told apart reliably: a table in a logical replication "
          "publication rejects UPDATE and DELETE ('cannot update table because it does not have a replica "
          "identity'), pg_repack and many ORMs refuse it, and duplicates creep in. Adding the key once the "
          "table holds data is ALTER TABLE ... ADD PRIMARY KEY: it builds a unique index while holding an "
          "ACCESS EXCLUSIVE lock, which blocks reads and writes, and scans the table to check the columns for "
          "NULLs. A key added later in the same migration counts. Temporary tables and partitions (which take "
          "their parent's key) are exempt, as are tables created with LIKE ... INCLUDING INDEXES and down "
          "sections, which restore tables as they were.",
      .safe_alternative =
          "Declare the key in CREATE TABLE: id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, or PRIMARY KEY "
          "(a, b) for a join table. For an existing table: CREATE UNIQUE INDEX CONCURRENTLY t_pkey_idx ON t "
          "(id); make the columns NOT NULL (through a validated CHECK (id IS NOT NULL) on PostgreSQL 12+); then "
          "ALTER TABLE t ADD CONSTRAINT t_pkey PRIMARY KEY USING INDEX t_pkey_idx.",
      .bad = "CREATE TABLE user_tags (user_id bigint NOT NULL, tag text NOT NULL);",
      .good = "CREATE TABLE user_tags (user_id bigint NOT NULL, tag text NOT NULL, PRIMARY KEY (user_id, tag));",
  };
};

}  // namespace

const Rule& require_primary_key() {
  static const RequirePrimaryKey rule;
  return rule;
}

}  // namespace miglint::rules
