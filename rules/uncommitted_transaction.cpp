#include <miglint/context.hpp>
#include <miglint/rule.hpp>

namespace miglint::rules {

namespace {

class UncommittedTransaction final : public Rule {
 public:
  const RuleMeta& meta() const override { return kMeta; }

  void check_migration(const MigrationFacts& migration, Context& context) const override {
    for (const SourceMark& begin : migration.unclosed_transactions)
      context.report_at(begin, "BEGIN is never followed by COMMIT or ROLLBACK in this migration: the transaction "
                               "stays open after its last statement, holding every lock it took (reads and writes "
                               "of altered tables stay blocked), and its changes are lost when the connection "
                               "closes");
  }

 private:
  static constexpr RuleMeta kMeta{
      .id = "uncommitted-transaction",
      .severity = Severity::Error,
      .summary = "A BEGIN of the migration is never committed",
      .rationale =
          "A transaction the migration opens with BEGIN and never ends stays open when the migration's last "
          "statement has run. Every lock it took is held until something commits or the connection closes, "
          "so an ALTER TABLE's ACCESS EXCLUSIVE keeps blocking reads and writes; if the session ends, psql and "
          "most runners roll the transaction back and the migration's changes silently vanish, while a runner "
          "that records the migration in the same session may commit that record with it.",
      .safe_alternative =
          "End every BEGIN with COMMIT (or ROLLBACK) in the same migration, or drop the BEGIN and let the "
          "runner's own transaction cover the migration.",
      .bad = "-- miglint:no-transaction\nBEGIN;\nALTER TABLE users ADD COLUMN note text;\n",
      .good = "-- miglint:no-transaction\nBEGIN;\nALTER TABLE users ADD COLUMN note text;\nCOMMIT;\n",
      .versions = {},
  };
};

}  // namespace

const Rule& uncommitted_transaction() {
  static const UncommittedTransaction rule;
  return rule;
}

}  // namespace miglint::rules
