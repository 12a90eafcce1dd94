#include <miglint/context.hpp>
#include <miglint/rule.hpp>

namespace miglint::rules {

namespace {

class MissingDown final : public Rule {
 public:
  const RuleMeta& meta() const override { return kMeta; }

  void check_migration(const MigrationFacts& migration, Context& context) const override {
    if (!migration.layout_has_down || migration.up_statements == 0) return;
    if (!migration.has_down) {
      context.report_migration("migration " + std::string(migration.id) +
                               " has no down part: rolling its release back cannot undo it");
    } else if (migration.down_statements == 0) {
      context.report_migration("the down part of migration " + std::string(migration.id) +
                               " is empty: rolling back would leave this migration's changes in place");
    }
  }

 private:
  static constexpr RuleMeta kMeta{
      .id = "missing-down",
      .severity = Severity::Warning,
      .summary = "A migration has no down part, or an empty one, in a layout that supports them",
      .rationale =
          "When a release is rolled back, its migrations are undone with their down parts. A migration "
          "without one cannot be reverted, so the rollback stops there or the old code meets a schema it "
          "does not know. A down part made only of comments counts as empty. Layouts without down "
          "migrations (Prisma, plain files, Flyway without undo files) are exempt.",
      .safe_alternative =
          "Write the statements that undo the migration in its down part (`-- DOWN`, the .down.sql file, "
          "`-- migrate:down`, `-- +goose Down`, the Flyway U file). If it truly cannot be undone, say so: "
          "`-- miglint-ignore missing-down -- <why>`.",
      .bad = "-- UP\nALTER TABLE users ADD COLUMN phone text;\n",
      .good = "-- UP\nALTER TABLE users ADD COLUMN phone text;\n-- DOWN\nALTER TABLE users DROP COLUMN phone;\n",
      .versions = {},
  };
};

}  // namespace

const Rule& missing_down() {
  static const MissingDown rule;
  return rule;
}

}  // namespace miglint::rules
