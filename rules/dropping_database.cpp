#include <miglint/context.hpp>
#include <miglint/locks.hpp>
#include <miglint/rule.hpp>

#include <array>
#include <string>

namespace miglint::rules {

namespace {

class DroppingDatabase final : public Rule {
 public:
  const RuleMeta& meta() const override { return kMeta; }
  std::span<const std::string_view> node_kinds() const override { return kKinds; }

  void check(const Node& drop, Context& context) const override {
    if (drop.is("DropdbStmt")) {
      context.report(drop, "DROP DATABASE \"" + std::string(drop.str("dbname")) +
                               "\" deletes every table, row and object in it, and cannot be rolled back: it runs "
                               "outside any transaction, and fails while anyone is connected to it");
      return;
    }
    if (drop.str("removeType") != "OBJECT_SCHEMA" || drop.str("behavior") != "DROP_CASCADE") return;
    std::string schemas;
    for (Node schema : drop.list("objects")) {
      // A down section dropping the schema its up section created undoes the migration.
      if (context.state().is_new_schema(schema.string_value())) continue;
      schemas += (schemas.empty() ? "\"" : ", \"") + std::string(schema.string_value()) + "\"";
    }
    if (schemas.empty()) return;
    context.report(drop, "DROP SCHEMA " + schemas + " CASCADE drops every table, view, function and type in it, "
                         "and the objects elsewhere that depend on them, taking an " +
                         std::string(to_string(LockMode::AccessExclusive)) + " lock on each table, which blocks " +
                         std::string(traffic_blocked(LockMode::AccessExclusive)) + "; the data is gone for good");
  }

 private:
  static constexpr std::array<std::string_view, 2> kKinds{"DropdbStmt", "DropStmt"};
  static constexpr RuleMeta kMeta{
      .id = "dropping-database",
      .severity = Severity::Error,
      .summary = "DROP DATABASE, or DROP SCHEMA ... CASCADE, in a migration",
      .rationale =
          "DROP DATABASE deletes the whole database. It cannot run inside a transaction, so nothing rolls it "
          "back. DROP SCHEMA ... CASCADE removes every object of the schema, tables and their rows included, "
          "plus whatever depends on them in other schemas (views, foreign keys, functions), under an ACCESS "
          "EXCLUSIVE lock on each table, which blocks reads and writes. A mistyped name or a migration run "
          "against the wrong database loses data that only a restore brings back.",
      .safe_alternative =
          "Do not drop databases from migrations; do it by hand, after a backup. For a schema, drop its "
          "objects one by one in a migration of their own, once no code uses them, then DROP SCHEMA s "
          "without CASCADE, which fails if anything is left.",
      .bad = "DROP SCHEMA reporting CASCADE;",
      .good = "DROP TABLE reporting.daily_totals;\nDROP SCHEMA reporting;",
  };
};

}  // namespace

const Rule& dropping_database() {
  static const DroppingDatabase rule;
  return rule;
}

}  // namespace miglint::rules
