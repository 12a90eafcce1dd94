#include "support/quoted.hpp"
#include "support/statement_locks.hpp"

#include <miglint/context.hpp>
#include <miglint/rule.hpp>

#include <algorithm>
#include <array>
#include <string>

namespace miglint::rules {

namespace {

constexpr std::string_view kOnlineRebuildHelp =
    "Rebuild the table online with pg_repack or pg_squeeze, which copy it in the background and swap it in "
    "under a brief lock; plain VACUUM (without FULL) reclaims dead rows for reuse under SHARE UPDATE "
    "EXCLUSIVE, which blocks neither reads nor writes.";
constexpr std::string_view kTablespaceHelp =
    "Move the table online with pg_repack --tablespace; move an index by building a copy with CREATE INDEX "
    "CONCURRENTLY ... TABLESPACE and dropping the old one with DROP INDEX CONCURRENTLY.";
constexpr std::string_view kNoOnlineFormHelp =
    "There is no online form: run it in a maintenance window, or create a new table with the wanted "
    "persistence or access method, copy the rows in batches while a trigger keeps it current, and swap the "
    "names in a short transaction.";

// VACUUM (FULL false) and VACUUM (FULL 0) do not rewrite.
bool is_full_vacuum(const Node& vacuum) {
  if (!vacuum.flag("is_vacuumcmd")) return false;
  NodeList options = vacuum.list("options");
  return std::any_of(options.begin(), options.end(), [](const Node& option) {
    if (option.str("defname") != "full") return false;
    Node value = option.child("arg");
    if (value.is("Integer")) return value.integer("ival") != 0;
    return !value.is("String") || (value.string_value() != "false" && value.string_value() != "off");
  });
}

std::string_view rewriting_subcommand(std::string_view subtype) {
  if (subtype == "AT_SetTableSpace") return "SET TABLESPACE";
  if (subtype == "AT_SetLogged") return "SET LOGGED";
  if (subtype == "AT_SetUnLogged") return "SET UNLOGGED";
  if (subtype == "AT_SetAccessMethod") return "SET ACCESS METHOD";
  return {};
}

std::string blocked_until_rewritten(std::string_view what, const RelationName& table) {
  return std::string(what) + " rewrites existing table " + quoted(table) +
         " under an ACCESS EXCLUSIVE lock: reads and writes on it are blocked until the whole table is "
         "written anew, which takes as long as copying it";
}

class TableRewrite final : public Rule {
 public:
  const RuleMeta& meta() const override { return kMeta; }
  std::span<const std::string_view> node_kinds() const override { return kKinds; }

  void check(const Node& node, Context& context) const override {
    std::string_view kind = node.kind();
    if (kind == "VacuumStmt" && is_full_vacuum(node)) check_vacuum_full(node, context);
    if (kind == "ClusterStmt") check_cluster(node, context);
    if (kind == "AlterTableCmd") check_alter_table(node, context);
    if (kind == "AlterTableMoveAllStmt")
      context.report(node, "ALTER TABLE ALL IN TABLESPACE " + std::string(node.str("orig_tablespacename")) +
                               " SET TABLESPACE rewrites every table in it, one by one, each under an ACCESS "
                               "EXCLUSIVE lock that blocks its reads and writes until it is copied",
                     std::string(kTablespaceHelp));
  }

 private:
  static void check_vacuum_full(const Node& vacuum, Context& context) {
    NodeList targets = vacuum.list("rels");
    if (targets.empty()) {
      context.report(vacuum, "VACUUM FULL without a table list rewrites every table in the database, each under "
                             "an ACCESS EXCLUSIVE lock that blocks its reads and writes until it is copied",
                     std::string(kOnlineRebuildHelp));
      return;
    }
    for (Node target : targets) {
      Node relation = target.child("relation");
      if (context.state().is_new_table(relation)) continue;
      context.report(relation, blocked_until_rewritten("VACUUM FULL", RelationName::of(relation)),
                     std::string(kOnlineRebuildHelp));
    }
  }

  static void check_cluster(const Node& cluster, Context& context) {
    Node relation = cluster.child("relation");
    if (!relation) {
      context.report(cluster, "CLUSTER without a table rewrites every table clustered before, each under an "
                              "ACCESS EXCLUSIVE lock that blocks its reads and writes until it is copied",
                     std::string(kOnlineRebuildHelp));
    } else if (!context.state().is_new_table(relation)) {
      context.report(cluster, blocked_until_rewritten("CLUSTER", RelationName::of(relation)),
                     std::string(kOnlineRebuildHelp));
    }
  }

  static void check_alter_table(const Node& command, Context& context) {
    std::string_view what = rewriting_subcommand(command.str("subtype"));
    if (what.empty()) return;
    Node statement = context.enclosing("AlterTableStmt");
    RelationName relation = RelationName::of(statement.child("relation"));
    if (statement.str("objtype") == "OBJECT_INDEX") {
      if (context.state().is_new_index(relation)) return;
      context.report(command, "ALTER INDEX ... SET TABLESPACE copies existing index " + quoted(relation) +
                                  " under an ACCESS EXCLUSIVE lock on it: every query on its table waits "
                                  "until the copy is done, since planning opens all of the table's indexes",
                     std::string(kTablespaceHelp));
      return;
    }
    if (context.state().is_new_table(relation)) return;
    std::string help(what == "SET TABLESPACE" ? kTablespaceHelp : kNoOnlineFormHelp);
    context.report(command, blocked_until_rewritten("ALTER TABLE ... " + std::string(what), relation), help);
  }

  static constexpr std::array<std::string_view, 4> kKinds{"VacuumStmt", "ClusterStmt", "AlterTableCmd",
                                                          "AlterTableMoveAllStmt"};
  static constexpr RuleMeta kMeta{
      .id = "table-rewrite",
      .severity = Severity::Error,
      .summary = "VACUUM FULL, CLUSTER, SET TABLESPACE, SET LOGGED/UNLOGGED or SET ACCESS METHOD rewrites an "
                 "existing table while blocking reads and writes",
      .rationale =
          "VACUUM FULL, CLUSTER, ALTER TABLE ... SET TABLESPACE, SET LOGGED / SET UNLOGGED and SET ACCESS "
          "METHOD write the whole table anew (and, except for SET TABLESPACE, rebuild every index) under an "
          "ACCESS EXCLUSIVE lock: no query can read or write the table until the copy is done, which takes "
          "minutes to hours on a large table, and it needs disk space for a second copy. SET LOGGED also "
          "writes the whole table to WAL. Tables created earlier in the same migration are empty and exempt.",
      .safe_alternative =
          "To reclaim space or reorder rows, use pg_repack or pg_squeeze, which rebuild the table online and "
          "swap it in under a brief lock, or plain VACUUM (SHARE UPDATE EXCLUSIVE: reads and writes go on). "
          "To move a table to another tablespace, use pg_repack --tablespace. SET LOGGED/UNLOGGED and SET "
          "ACCESS METHOD have no online form: a maintenance window, or a new table filled in batches and "
          "swapped in by a rename in a short transaction.",
      .bad = "CLUSTER users USING users_pkey;",
      .good = "VACUUM (ANALYZE) users;",
      .versions = {},
      .lock = {LockMode::AccessExclusive, TableEffect::Rewrite, "users"},
  };
};

}  // namespace

const Rule& table_rewrite() {
  static const TableRewrite rule;
  return rule;
}

}  // namespace miglint::rules
