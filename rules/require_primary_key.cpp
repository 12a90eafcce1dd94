#include "support/quoted.hpp"

#include <miglint/context.hpp>
#include <miglint/locks.hpp>
#include <miglint/rule.hpp>

#include <array>
#include <cstdint>

namespace miglint::rules {

namespace {

// CREATE_TABLE_LIKE_INDEXES in PostgreSQL's TableLikeOption: LIKE ... INCLUDING
// INDEXES (or ALL) copies the primary key.
constexpr std::int64_t kLikeIncludingIndexes = 1 << 6;

bool has_primary_key(const Node& element) {
  if (element.is("Constraint")) return element.str("contype") == "CONSTR_PRIMARY";
  if (element.is("TableLikeClause")) return (element.integer("options") & kLikeIncludingIndexes) != 0;
  for (Node constraint : element.list("constraints"))
    if (constraint.str("contype") == "CONSTR_PRIMARY") return true;
  return false;
}

class RequirePrimaryKey final : public Rule {
 public:
  const RuleMeta& meta() const override { return kMeta; }
  std::span<const std::string_view> node_kinds() const override { return kKinds; }

  // A partition takes its parent's primary key; a temporary table is gone at
  // the end of the session; a down section restores tables as they were.
  void check(const Node& create, Context& context) const override {
    Node relation = create.child("relation");
    if (relation.str("relpersistence") == "t" || create.child("partbound") ||
        context.statement().section == SectionKind::Down)
      return;
    for (Node element : create.list("tableElts"))
      if (has_primary_key(element)) return;
    context.report(create, "table " + quoted(RelationName::of(relation)) +
                               " has no primary key: a logical replication publication rejects its UPDATEs and "
                               "DELETEs, and adding one later builds the index under an " +
                               std::string(to_string(LockMode::AccessExclusive)) + " lock, which blocks " +
                               std::string(traffic_blocked(LockMode::AccessExclusive)) + ", and scans the "
                               "table for NULLs");
  }

 private:
  static constexpr std::array<std::string_view, 1> kKinds{"CreateStmt"};
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
          "NULLs. Temporary tables and partitions (which take their parent's key) are exempt, as are tables "
          "created with LIKE ... INCLUDING INDEXES and down sections, which restore tables as they were.",
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
