#include "support/table_change.hpp"

#include <miglint/context.hpp>
#include <miglint/rule.hpp>

#include <array>

namespace miglint::rules {

namespace {

class RenamingTable final : public Rule {
 public:
  const RuleMeta& meta() const override { return kMeta; }
  std::span<const std::string_view> node_kinds() const override { return kKinds; }

  void check(const Node& rename, Context& context) const override {
    if (rename.str("renameType") != "OBJECT_TABLE") return;
    RelationName table = RelationName::of(rename.child("relation"));
    if (context.state().is_new_table(table)) return;
    context.report(rename, "RENAME TO \"" + std::string(rename.str("newname")) + "\" of existing table \"" +
                               table.display() + "\": every query of the previous release that names the old "
                               "table fails from the moment it commits. The rename is catalog-only, but it "
                               "takes " + lock_phrase(LockMode::AccessExclusive));
  }

 private:
  static constexpr std::array<std::string_view, 1> kKinds{"RenameStmt"};
  static constexpr RuleMeta kMeta{
      .id = "renaming-table",
      .severity = Severity::Error,
      .summary = "ALTER TABLE ... RENAME TO breaks running code that uses the old name",
      .rationale =
          "The previous release keeps running while the new one rolls out, and every query it sends to the "
          "old table name fails with 'relation does not exist' once the rename commits; a rollback of the "
          "code fails the same way. The rename changes only the catalog, but it takes an ACCESS EXCLUSIVE "
          "lock, which blocks reads and writes while it waits. Tables created earlier in the same migration "
          "are exempt.",
      .safe_alternative =
          "Give the table its new name through a view first: CREATE VIEW new_name AS SELECT * FROM old_name "
          "(a simple view accepts INSERT, UPDATE and DELETE); move the code to the new name; in a later "
          "release, in one transaction, DROP VIEW new_name, rename the table, and CREATE VIEW old_name AS "
          "SELECT * FROM new_name for anything left behind; drop that view last.",
      .bad = "ALTER TABLE orders RENAME TO purchases;",
      .good = "CREATE VIEW purchases AS SELECT * FROM orders;",
      .versions = {},
      .lock = {LockMode::AccessExclusive, TableEffect::None, "orders"},
  };
};

}  // namespace

const Rule& renaming_table() {
  static const RenamingTable rule;
  return rule;
}

}  // namespace miglint::rules
