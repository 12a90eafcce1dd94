#include "support/quoted.hpp"

#include <miglint/context.hpp>
#include <miglint/rule.hpp>

#include <array>
#include <string>

namespace miglint::rules {

namespace {

class ConcurrentIndexOnPartitioned final : public Rule {
 public:
  const RuleMeta& meta() const override { return kMeta; }
  std::span<const std::string_view> node_kinds() const override { return kKinds; }

  // PostgreSQL refuses it with or without ONLY.
  void check(const Node& index, Context& context) const override {
    if (!index.flag("concurrent")) return;
    RelationName table = RelationName::of(index.child("relation"));
    if (!context.state().is_partitioned(table)) return;
    context.report(index, "CREATE INDEX CONCURRENTLY on partitioned table " + quoted(table) +
                              " fails: PostgreSQL cannot build an index on a partitioned table concurrently "
                              "(\"cannot create index on partitioned table concurrently\"), so the migration stops "
                              "here");
  }

 private:
  static constexpr std::array<std::string_view, 1> kKinds{"IndexStmt"};
  static constexpr RuleMeta kMeta{
      .id = "concurrent-index-on-partitioned",
      .severity = Severity::Error,
      .summary = "CREATE INDEX CONCURRENTLY on a partitioned table is rejected by PostgreSQL",
      .rationale =
          "PostgreSQL cannot build an index concurrently on a partitioned table, with or without ONLY: the "
          "statement fails and the migration stops there. Building it without CONCURRENTLY instead would take "
          "a SHARE lock on every partition for the whole build, blocking all writes. miglint knows a table is "
          "partitioned when an earlier statement of the migration created it with PARTITION BY.",
      .safe_alternative =
          "1. CREATE INDEX parent_col_idx ON ONLY parent (col); (catalog only: an INVALID index on the parent) "
          "2. For each partition: CREATE INDEX CONCURRENTLY part_col_idx ON part (col); outside a transaction "
          "3. For each partition: ALTER INDEX parent_col_idx ATTACH PARTITION part_col_idx; once every "
          "partition's index is attached, the parent's index becomes valid.",
      .bad = "CREATE TABLE measurements (id bigint, taken_at timestamptz) PARTITION BY RANGE (taken_at);\n"
             "CREATE INDEX CONCURRENTLY measurements_taken_at_idx ON measurements (taken_at);",
      .good = "CREATE TABLE measurements (id bigint, taken_at timestamptz) PARTITION BY RANGE (taken_at);\n"
              "CREATE INDEX measurements_taken_at_idx ON ONLY measurements (taken_at);",
      .versions = {},
  };
};

}  // namespace

const Rule& concurrent_index_on_partitioned() {
  static const ConcurrentIndexOnPartitioned rule;
  return rule;
}

}  // namespace miglint::rules
