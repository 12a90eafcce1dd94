#include <miglint/context.hpp>
#include <miglint/rule.hpp>

#include <array>

namespace miglint::rules {

namespace {

class RequireConcurrentIndex final : public Rule {
 public:
  const RuleMeta& meta() const override { return kMeta; }
  std::span<const std::string_view> node_kinds() const override { return kKinds; }

  void check(const Node& index, Context& context) const override {
    if (index.flag("concurrent")) return;
    RelationName table = RelationName::of(index.child("relation"));
    if (context.state().is_new_table(table)) return;
    std::string what = index.flag("unique") ? "CREATE UNIQUE INDEX" : "CREATE INDEX";
    context.report(index, what + " on existing table \"" + table.display() +
                              "\" without CONCURRENTLY holds a SHARE lock for the whole build: INSERT, UPDATE "
                              "and DELETE on it wait until the index is built (reads continue)");
  }

 private:
  static constexpr std::array<std::string_view, 1> kKinds{"IndexStmt"};
  static constexpr RuleMeta kMeta{
      .id = "require-concurrent-index",
      .severity = Severity::Error,
      .summary = "CREATE INDEX without CONCURRENTLY blocks writes to an existing table for the whole build",
      .rationale =
          "A plain CREATE INDEX takes a SHARE lock on the table: reads go on, but every INSERT, UPDATE and "
          "DELETE waits until the index is built, which takes minutes on a large table. The same holds for "
          "CREATE UNIQUE INDEX. A table created earlier in the same migration is empty and not yet used, so "
          "it is exempt.",
      .safe_alternative =
          "Use CREATE INDEX CONCURRENTLY (SHARE UPDATE EXCLUSIVE: reads and writes continue) in a migration "
          "of its own that runs outside a transaction. If it fails it leaves an INVALID index: DROP INDEX "
          "CONCURRENTLY it and retry.",
      .bad = "CREATE INDEX users_email_idx ON users (email);",
      .good = "CREATE INDEX CONCURRENTLY users_email_idx ON users (email);",
      .versions = {},
  };
};

}  // namespace

const Rule& require_concurrent_index() {
  static const RequireConcurrentIndex rule;
  return rule;
}

}  // namespace miglint::rules
