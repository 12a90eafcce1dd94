#include "support/table_change.hpp"

#include <miglint/context.hpp>
#include <miglint/rule.hpp>

#include <array>

namespace miglint::rules {

namespace {

class RenamingColumn final : public Rule {
 public:
  const RuleMeta& meta() const override { return kMeta; }
  std::span<const std::string_view> node_kinds() const override { return kKinds; }

  void check(const Node& rename, Context& context) const override {
    if (rename.str("renameType") != "OBJECT_COLUMN" || rename.str("relationType") != "OBJECT_TABLE") return;
    RelationName table = RelationName::of(rename.child("relation"));
    if (context.state().is_new_table(table)) return;
    context.report(rename, "RENAME COLUMN \"" + std::string(rename.str("subname")) + "\" TO \"" +
                               std::string(rename.str("newname")) + "\" on existing table \"" + table.display() +
                               "\": every query of the previous release that names the old column fails from "
                               "the moment it commits. The rename is catalog-only, but it takes " +
                               lock_phrase(LockMode::AccessExclusive));
  }

 private:
  static constexpr std::array<std::string_view, 1> kKinds{"RenameStmt"};
  static constexpr RuleMeta kMeta{
      .id = "renaming-column",
      .severity = Severity::Error,
      .summary = "RENAME COLUMN breaks running code that uses the old name",
      .rationale =
          "Application servers are not all replaced at the instant a migration commits: the previous release "
          "keeps sending queries that name the old column, and each one fails with 'column does not exist' "
          "until the last old server is gone; a rollback of the code fails the same way. The rename itself "
          "changes only the catalog, but it takes an ACCESS EXCLUSIVE lock, which blocks reads and writes "
          "while it waits. Tables created earlier in the same migration are exempt.",
      .safe_alternative =
          "Expand and contract: add the column under its new name; make the application write both columns; "
          "backfill the new column in batches, each in its own transaction; switch reads to the new column; "
          "stop writing the old one; drop it in a later release.",
      .bad = "ALTER TABLE users RENAME COLUMN display_name TO full_name;",
      .good = "ALTER TABLE users ADD COLUMN full_name text;\n"
              "UPDATE users SET full_name = display_name WHERE id > 0 AND id <= 5000;",
      .versions = {},
      .lock = {LockMode::AccessExclusive, TableEffect::None, "users"},
  };
};

}  // namespace

const Rule& renaming_column() {
  static const RenamingColumn rule;
  return rule;
}

}  // namespace miglint::rules
