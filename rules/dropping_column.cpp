#include "support/table_change.hpp"

#include <miglint/context.hpp>
#include <miglint/rule.hpp>

#include <array>

namespace miglint::rules {

namespace {

class DroppingColumn final : public Rule {
 public:
  const RuleMeta& meta() const override { return kMeta; }
  std::span<const std::string_view> node_kinds() const override { return kKinds; }

  void check(const Node& command, Context& context) const override {
    if (command.str("subtype") != "AT_DropColumn") return;
    std::optional<RelationName> table = existing_altered_table(context);
    // A down section dropping what its up section added undoes the migration.
    if (!table || context.state().is_new_column(*table, command.str("name"))) return;
    context.report(command, "DROP COLUMN \"" + std::string(command.str("name")) + "\" of existing table \"" +
                                table->display() + "\": code still running from the previous release that "
                                "reads or writes it fails at once. The change is catalog-only (no scan, no "
                                "rewrite), but it takes " + lock_phrase(LockMode::AccessExclusive) +
                                ", and every query of the table queues behind it while it waits");
  }

 private:
  static constexpr std::array<std::string_view, 1> kKinds{"AlterTableCmd"};
  static constexpr RuleMeta kMeta{
      .id = "dropping-column",
      .severity = Severity::Warning,
      .summary = "DROP COLUMN breaks code that still uses the column",
      .rationale =
          "During a deploy the previous release keeps running until the new one replaces it, and it still "
          "selects, inserts and updates the column: once the column is gone those queries fail (SELECT * "
          "into fixed structures and ORMs that list every column fail too). DROP COLUMN itself only marks "
          "the column dropped in the catalog, but it needs an ACCESS EXCLUSIVE lock, and while it waits for "
          "it every read and write of the table queues behind it. Tables and columns created earlier in the "
          "same migration are exempt, so a down section may drop what its up section added.",
      .safe_alternative =
          "Deploy code that no longer reads or writes the column first (tell the ORM to ignore it), then drop "
          "it in a migration of a later release, with a short lock_timeout. When that is already so, say so: "
          "`-- miglint-ignore dropping-column -- unused since <release>`.",
      .bad = "ALTER TABLE users DROP COLUMN phone;",
      .good = "-- The application stopped using users.phone two releases ago.\n"
              "-- miglint-ignore dropping-column -- unused since release 42\n"
              "ALTER TABLE users DROP COLUMN phone;",
      .versions = {},
      .lock = {LockMode::AccessExclusive, TableEffect::None, "users"},
  };
};

}  // namespace

const Rule& dropping_column() {
  static const DroppingColumn rule;
  return rule;
}

}  // namespace miglint::rules
