#include "support/quoted.hpp"

#include <miglint/context.hpp>
#include <miglint/rule.hpp>

#include <array>
#include <optional>
#include <string>

namespace miglint::rules {

namespace {

// A statement that fails when it finds its work already done, and the
// clause that would let it succeed instead.
struct Unguarded {
  std::string statement;  // `CREATE TABLE "users"`
  std::string_view clause;
};

std::string dotted(const NodeList& parts) {
  std::string name;
  for (Node part : parts) name += (name.empty() ? "" : ".") + std::string(part.string_value());
  return name;
}

std::string in_quotes(std::string_view name) { return name.empty() ? "" : " \"" + std::string(name) + "\""; }

// DROP TRIGGER, POLICY and RULE name [table, object]; the rest name the object.
std::string dropped_object(const Node& object, bool named_on_table) {
  if (object.is("String")) return std::string(object.string_value());
  if (object.is("TypeName")) return dotted(object.list("names"));
  if (object.is("ObjectWithArgs")) return dotted(object.list("objname"));
  NodeList items = object.list("items");
  if (named_on_table && !items.empty()) return std::string(items.back().string_value());
  return dotted(items);
}

std::optional<Unguarded> unguarded_drop(const Node& drop) {
  if (drop.flag("missing_ok")) return std::nullopt;
  std::string type(drop.str("removeType").substr(std::string_view("OBJECT_").size()));
  for (char& c : type) c = c == '_' ? ' ' : c;
  if (type == "MATVIEW") type = "MATERIALIZED VIEW";
  bool named_on_table = type == "TRIGGER" || type == "POLICY" || type == "RULE";
  std::string names;
  for (Node object : drop.list("objects"))
    names += (names.empty() ? "" : ",") + in_quotes(dropped_object(object, named_on_table));
  return Unguarded{"DROP " + type + names, "IF EXISTS"};
}

std::optional<Unguarded> unguarded_table_change(const Node& command) {
  std::string_view subtype = command.str("subtype");
  if (command.flag("missing_ok")) return std::nullopt;
  if (subtype == "AT_AddColumn")
    return Unguarded{"ADD COLUMN" + in_quotes(command.child("def").str("colname")), "IF NOT EXISTS"};
  if (subtype == "AT_DropColumn") return Unguarded{"DROP COLUMN" + in_quotes(command.str("name")), "IF EXISTS"};
  if (subtype == "AT_DropConstraint")
    return Unguarded{"DROP CONSTRAINT" + in_quotes(command.str("name")), "IF EXISTS"};
  return std::nullopt;
}

std::optional<Unguarded> unguarded_database_drop(const Node& drop) {
  if (drop.flag("missing_ok")) return std::nullopt;
  return Unguarded{"DROP DATABASE" + in_quotes(drop.str("dbname")), "IF EXISTS"};
}

// What a statement that takes IF NOT EXISTS creates: `TABLE "users"`.
std::string created_object(const Node& node) {
  std::string_view kind = node.kind();
  if (kind == "CreateStmt") return "TABLE " + quoted(RelationName::of(node.child("relation")));
  if (kind == "CreateSchemaStmt") return "SCHEMA" + in_quotes(node.str("schemaname"));
  if (kind == "CreateSeqStmt") return "SEQUENCE " + quoted(RelationName::of(node.child("sequence")));
  if (kind == "CreateExtensionStmt") return "EXTENSION" + in_quotes(node.str("extname"));
  if (kind == "CreateStatsStmt") return "STATISTICS" + in_quotes(dotted(node.list("defnames")));
  if (kind == "IndexStmt") return "INDEX" + in_quotes(node.str("idxname"));
  std::string what = node.str("objtype") == "OBJECT_MATVIEW" ? "MATERIALIZED VIEW " : "TABLE ";
  return what + quoted(RelationName::of(node.child("into").child("rel")));
}

std::optional<Unguarded> unguarded_create(const Node& node, const Context& context) {
  std::string_view kind = node.kind();
  if (kind == "ViewStmt" || kind == "CreateFunctionStmt") {
    if (node.flag("replace")) return std::nullopt;
    if (kind == "ViewStmt")
      return Unguarded{"CREATE VIEW " + quoted(RelationName::of(node.child("view"))), "OR REPLACE"};
    std::string what = node.flag("is_procedure") ? "CREATE PROCEDURE" : "CREATE FUNCTION";
    return Unguarded{what + in_quotes(dotted(node.list("funcname"))), "OR REPLACE"};
  }
  // CREATE SCHEMA ... CREATE TABLE: the schema's clause covers its elements.
  // A concurrent build's retry is DROP INDEX CONCURRENTLY IF EXISTS first:
  // IF NOT EXISTS would keep the INVALID index a failed build leaves.
  if (node.flag("if_not_exists") || context.enclosing("CreateSchemaStmt") || node.flag("concurrent"))
    return std::nullopt;
  return Unguarded{"CREATE " + created_object(node), "IF NOT EXISTS"};
}

class NonIdempotentDdl final : public Rule {
 public:
  const RuleMeta& meta() const override { return kMeta; }
  std::span<const std::string_view> node_kinds() const override { return kKinds; }

  // In a transaction a failure undoes the whole migration; a DO block is
  // usually the guard itself (IF NOT EXISTS (SELECT ...) THEN ...).
  void check(const Node& node, Context& context) const override {
    const StatementFacts& statement = context.statement();
    if (statement.in_transaction || statement.inside_do_block) return;
    std::optional<Unguarded> found = node.is("DropStmt")        ? unguarded_drop(node)
                                     : node.is("DropdbStmt")    ? unguarded_database_drop(node)
                                     : node.is("AlterTableCmd") ? unguarded_table_change(node)
                                                                : unguarded_create(node, context);
    if (!found) return;
    Node at = node.is("AlterTableCmd") ? node.child("def") : node;
    context.report(at, found->statement + " without " + std::string(found->clause) +
                           " runs outside a transaction: if a later statement of the migration fails, this one "
                           "stays done, and running the migration again fails here");
  }

 private:
  static constexpr std::array<std::string_view, 12> kKinds{
      "AlterTableCmd",   "CreateExtensionStmt", "CreateFunctionStmt", "CreateSchemaStmt",
      "CreateSeqStmt",   "CreateStatsStmt",     "CreateStmt",         "CreateTableAsStmt",
      "DropStmt",        "DropdbStmt",          "IndexStmt",          "ViewStmt"};
  static constexpr RuleMeta kMeta{
      .id = "non-idempotent-ddl",
      .severity = Severity::Warning,
      .summary = "CREATE without IF NOT EXISTS, or DROP without IF EXISTS, outside a transaction",
      .rationale =
          "A migration that runs outside a transaction (a runner in autocommit, a no-transaction switch, "
          "CONCURRENTLY steps) keeps every statement that succeeded when a later one fails. Running it again "
          "after the fix then stops at the first of them with 'already exists' or 'does not exist', and "
          "someone has to finish it by hand against the production database. Inside a transaction a failure "
          "undoes everything, so the guards are not needed there; statements inside DO blocks are left alone, "
          "since the block usually tests for the object itself. CREATE INDEX CONCURRENTLY is left to "
          "concurrent-index-if-not-exists: its IF NOT EXISTS would hide an invalid index.",
      .safe_alternative =
          "Make each statement safe to run twice: CREATE TABLE / INDEX / SCHEMA / SEQUENCE / EXTENSION IF NOT "
          "EXISTS, ADD COLUMN IF NOT EXISTS, CREATE OR REPLACE FUNCTION / VIEW, DROP ... IF EXISTS, DROP "
          "COLUMN / CONSTRAINT IF EXISTS. Or run the migration in a transaction when none of its statements "
          "needs to be outside one.",
      .bad = "-- miglint:no-transaction\nCREATE TABLE audit_log (id bigint PRIMARY KEY, entry text);\n",
      .good = "-- miglint:no-transaction\nCREATE TABLE IF NOT EXISTS audit_log (id bigint PRIMARY KEY, entry text);\n",
      .enabled_by_default = false,
  };
};

}  // namespace

const Rule& non_idempotent_ddl() {
  static const NonIdempotentDdl rule;
  return rule;
}

}  // namespace miglint::rules
