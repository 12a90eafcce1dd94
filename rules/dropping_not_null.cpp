#include "support/table_change.hpp"

#include <miglint/context.hpp>
#include <miglint/rule.hpp>

#include <array>

namespace miglint::rules {

namespace {

class DroppingNotNull final : public Rule {
 public:
  const RuleMeta& meta() const override { return kMeta; }
  std::span<const std::string_view> node_kinds() const override { return kKinds; }

  void check(const Node& command, Context& context) const override {
    if (command.str("subtype") != "AT_DropNotNull") return;
    std::optional<RelationName> table = existing_altered_table(context);
    if (!table) return;
    context.report(command, "ALTER COLUMN \"" + std::string(command.str("name")) + "\" DROP NOT NULL on existing "
                            "table \"" + table->display() + "\": code that assumes the column always has a value "
                            "meets NULLs once new rows store them. The change is catalog-only (no scan, no "
                            "rewrite) under " + lock_phrase(LockMode::AccessExclusive) + ", briefly");
  }

 private:
  static constexpr std::array<std::string_view, 1> kKinds{"AlterTableCmd"};
  static constexpr RuleMeta kMeta{
      .id = "dropping-not-null",
      .severity = Severity::Info,
      .summary = "DROP NOT NULL lets NULLs into a column that code may expect to be filled",
      .rationale =
          "Dropping NOT NULL is a quick catalog change under a brief ACCESS EXCLUSIVE lock, but it changes a "
          "promise: code written against the column (non-nullable fields in the application, reports, "
          "consumers of replicated data) may break on the first NULL it reads. Tables created earlier in the "
          "same migration have no readers yet and are exempt.",
      .safe_alternative =
          "First deploy readers that handle NULL in this column, then drop the constraint; keep a short "
          "lock_timeout so the ACCESS EXCLUSIVE lock does not queue traffic. When every reader already copes, "
          "say so: `-- miglint-ignore dropping-not-null -- readers handle NULL since <release>`.",
      .bad = "ALTER TABLE teams ALTER COLUMN name DROP NOT NULL;",
      .good = "-- Every reader of teams.name handles NULL since release 42.\n"
              "-- miglint-ignore dropping-not-null -- readers handle NULL since release 42\n"
              "ALTER TABLE teams ALTER COLUMN name DROP NOT NULL;",
      .versions = {},
      .lock = {LockMode::AccessExclusive, TableEffect::None, "teams"},
  };
};

}  // namespace

const Rule& dropping_not_null() {
  static const DroppingNotNull rule;
  return rule;
}

}  // namespace miglint::rules
