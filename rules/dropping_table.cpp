#include "support/quoted.hpp"

#include <miglint/context.hpp>
#include <miglint/locks.hpp>
#include <miglint/rule.hpp>

#include <array>
#include <string>
#include <vector>

namespace miglint::rules {

namespace {

// DROP names a table as [table], [schema, table] or [database, schema, table].
RelationName dropped_table(const Node& object) {
  std::vector<std::string> names;
  for (Node part : object.list("items")) names.emplace_back(part.string_value());
  if (names.empty()) return {};
  return {names.size() > 1 ? names[names.size() - 2] : "", names.back()};
}

class DroppingTable final : public Rule {
 public:
  const RuleMeta& meta() const override { return kMeta; }
  std::span<const std::string_view> node_kinds() const override { return kKinds; }

  void check(const Node& drop, Context& context) const override {
    if (drop.str("removeType") != "OBJECT_TABLE") return;
    std::string tables;
    int existing = 0;
    for (Node object : drop.list("objects")) {
      RelationName table = dropped_table(object);
      if (table.name.empty() || context.state().is_new_table(table)) continue;
      tables += (existing++ == 0 ? "" : ", ") + quoted(table);
    }
    if (existing == 0) return;
    std::string them = existing > 1 ? "them" : "it", their = existing > 1 ? "their" : "its";
    std::string message = "DROP TABLE " + tables + " takes an " + std::string(to_string(LockMode::AccessExclusive)) +
                          " lock on " + them + ", and on the tables " + their + " foreign keys reference or that "
                          "reference " + them + ", which blocks " +
                          std::string(traffic_blocked(LockMode::AccessExclusive)) +
                          "; running code that still uses " + them + " fails from then on, and the rows are gone";
    if (drop.str("behavior") == "DROP_CASCADE")
      message += "; CASCADE also drops the views and foreign keys that depend on " + them;
    context.report(drop, message);
  }

 private:
  static constexpr std::array<std::string_view, 1> kKinds{"DropStmt"};
  static constexpr RuleMeta kMeta{
      .id = "dropping-table",
      .severity = Severity::Warning,
      .summary = "DROP TABLE of a table that running code may still use",
      .rationale =
          "DROP TABLE takes an ACCESS EXCLUSIVE lock on the table and on every table linked to it by a "
          "foreign key, either way: dropping a child table blocks reads of its parent while the lock is "
          "waited for and held. Application servers still running the previous release fail on every query "
          "that touches the table as soon as it is gone, and the data cannot be brought back without a "
          "restore. A table created earlier in the same migration (or, in a down section, by its up section) "
          "is not used yet and is exempt.",
      .safe_alternative =
          "Remove every read and write of the table from the code and deploy that first. Then, in a later "
          "migration, drop it on its own: SET lock_timeout = '2s'; DROP TABLE t; retried until it gets the "
          "lock. Keep a dump of the data if it may be needed, or rename the table to t_deprecated one release "
          "earlier so that a forgotten reader fails loudly while the rows still exist.",
      .bad = "DROP TABLE orders;",
      .good = "CREATE TABLE orders_import (id bigint PRIMARY KEY, total int);\nDROP TABLE orders_import;",
      .lock = {LockMode::AccessExclusive, TableEffect::None, "orders"},
  };
};

}  // namespace

const Rule& dropping_table() {
  static const DroppingTable rule;
  return rule;
}

}  // namespace miglint::rules
