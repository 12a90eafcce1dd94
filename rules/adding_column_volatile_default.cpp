#include "support/table_change.hpp"

#include <miglint/context.hpp>
#include <miglint/rule.hpp>

#include <algorithm>
#include <array>
#include <vector>

namespace miglint::rules {

namespace {

// Built-in functions that pg_proc marks immutable or stable, among those
// migrations put in defaults: PostgreSQL evaluates them once for the whole
// table. Functions it does not ship default to VOLATILE.
constexpr std::array<std::string_view, 58> kNonVolatileFunctions{
    "abs",          "array_fill",        "array_to_string",   "btrim",          "concat",
    "concat_ws",    "current_database",  "current_schema",    "current_setting", "date",
    "date_part",    "date_trunc",        "daterange",         "decode",         "encode",
    "extract",      "floor",             "format",            "int4",           "int4range",
    "int8",         "int8range",         "json_build_array",  "json_build_object", "jsonb_build_array",
    "jsonb_build_object", "left",        "length",            "lower",          "ltrim",
    "make_date",    "make_interval",     "make_timestamp",    "make_timestamptz", "md5",
    "now",          "numeric",           "numrange",          "regexp_replace", "replace",
    "right",        "round",             "rtrim",             "setweight",      "sha256",
    "split_part",   "statement_timestamp", "string_to_array", "substring",      "text",
    "timezone",     "to_char",           "to_date",           "to_json",        "to_jsonb",
    "to_timestamp", "transaction_timestamp", "upper",
};

// Volatile built-ins: pg_proc says so, and their value differs per row.
constexpr std::array<std::string_view, 16> kVolatileFunctions{
    "clock_timestamp", "currval",         "gen_random_bytes",   "gen_random_uuid",
    "lastval",         "nextval",         "random",             "random_normal",
    "setval",          "timeofday",       "uuid_generate_v1",   "uuid_generate_v1mc",
    "uuid_generate_v3", "uuid_generate_v4", "uuidv4",           "uuidv7",
};

template <std::size_t N>
bool listed(const std::array<std::string_view, N>& names, std::string_view name) {
  return std::find(names.begin(), names.end(), name) != names.end();
}

// The first function in a DEFAULT expression that is, or may be, volatile;
// empty when every call in it is known to be immutable or stable. The
// search keeps its own stack: a default may nest hundreds of thousands of
// operators deep.
std::string first_volatile_call(const Node& expression) {
  std::vector<Node> pending{expression};
  std::vector<Node> inside;  // of the node at hand, in the order they are searched
  while (!pending.empty()) {
    Node node = pending.back();
    pending.pop_back();
    inside.clear();
    auto all = [&](const NodeList& nodes) { inside.insert(inside.end(), nodes.begin(), nodes.end()); };
    std::string_view kind = node.kind();
    if (kind == "FuncCall") {
      std::string_view name = node.list("funcname").back().string_value();
      if (!listed(kNonVolatileFunctions, name)) return std::string(name);
      all(node.list("args"));
    } else if (kind == "TypeCast" || kind == "CollateClause" || kind == "NullTest" || kind == "BooleanTest" ||
               kind == "A_Indirection") {
      inside.push_back(node.child("arg"));
    } else if (kind == "A_Expr") {
      inside.push_back(node.child("lexpr"));
      inside.push_back(node.child("rexpr"));
    } else if (kind == "BoolExpr" || kind == "CoalesceExpr" || kind == "MinMaxExpr" || kind == "RowExpr") {
      all(node.list("args"));
    } else if (kind == "A_ArrayExpr") {
      all(node.list("elements"));
    } else if (kind == "List") {
      all(node.list("items"));
    } else if (kind == "CaseExpr") {
      for (Node when : node.list("args")) {
        inside.push_back(when.child("expr"));
        inside.push_back(when.child("result"));
      }
      inside.push_back(node.child("arg"));
      inside.push_back(node.child("defresult"));
    }
    pending.insert(pending.end(), inside.rbegin(), inside.rend());
  }
  return {};
}

bool is_null(Node expression) {
  while (expression.is("TypeCast")) expression = expression.child("arg");
  return expression.is("A_Const") && expression.flag("isnull");
}

class AddingColumnVolatileDefault final : public Rule {
 public:
  const RuleMeta& meta() const override { return kMeta; }
  std::span<const std::string_view> node_kinds() const override { return kKinds; }

  void check(const Node& command, Context& context) const override {
    std::optional<AddedColumn> added = column_added_to_existing_table(command, context);
    if (!added) return;
    const RelationName& table = added->table;
    const Node& column = added->column;
    for (Node constraint : column.list("constraints")) {
      if (constraint.str("contype") != "CONSTR_DEFAULT") continue;
      Node value = constraint.child("raw_expr");
      if (is_null(value)) return;
      std::string subject = "ADD COLUMN \"" + std::string(column.str("colname")) + "\" on existing table \"" +
                            table.display() + "\"";
      std::string rewrite = "rewrites the table and all its indexes under " + lock_phrase(LockMode::AccessExclusive) +
                            " for the whole rewrite";
      if (context.state().pg_version() < 11) {
        context.report(constraint, subject + " has a DEFAULT: before PostgreSQL 11 it is written into every "
                                             "existing row, so PostgreSQL " + rewrite);
        return;
      }
      std::string call = first_volatile_call(value);
      if (call.empty()) return;
      std::string how = listed(kVolatileFunctions, call)
                            ? ", which is volatile, so PostgreSQL computes it for every existing row and "
                            : ", which miglint does not know to be immutable or stable (functions are VOLATILE "
                              "unless declared otherwise): if it is volatile, PostgreSQL computes it for every "
                              "existing row and ";
      context.report(constraint, subject + ": its DEFAULT calls " + call + "()" + how + rewrite);
      return;
    }
  }

 private:
  static constexpr std::array<std::string_view, 1> kKinds{"AlterTableCmd"};
  static constexpr RuleMeta kMeta{
      .id = "adding-column-volatile-default",
      .severity = Severity::Error,
      .summary = "ADD COLUMN with a volatile DEFAULT (or any DEFAULT before PostgreSQL 11) rewrites the table",
      .rationale =
          "Since PostgreSQL 11, ADD COLUMN with a constant or stable DEFAULT (now(), current_timestamp) only "
          "stores the value in the catalog. A volatile default such as gen_random_uuid(), random(), "
          "clock_timestamp() or nextval() has to be computed for every existing row: the table and all its "
          "indexes are rewritten under an ACCESS EXCLUSIVE lock, so every read and write of the table waits "
          "until the rewrite ends. Before PostgreSQL 11 every non-NULL default rewrites the table. Functions "
          "miglint does not know (user functions are VOLATILE unless declared otherwise) are treated as "
          "volatile. Tables created earlier in the same migration are not used yet and are exempt.",
      .safe_alternative =
          "Add the column without a DEFAULT (catalog only), then ALTER COLUMN ... SET DEFAULT ... so that new "
          "rows get the value, then backfill the existing rows in batches, each in its own transaction "
          "(UPDATE t SET col = ... WHERE id > :last AND id <= :last + 5000 AND col IS NULL).",
      .bad = "ALTER TABLE users ADD COLUMN external_id uuid DEFAULT gen_random_uuid();",
      .good = "ALTER TABLE users ADD COLUMN external_id uuid;\n"
              "ALTER TABLE users ALTER COLUMN external_id SET DEFAULT gen_random_uuid();\n"
              "UPDATE users SET external_id = gen_random_uuid() WHERE id > 0 AND id <= 5000 AND external_id IS NULL;",
      .versions = {},
      .lock = {LockMode::AccessExclusive, TableEffect::Rewrite, "users"},
  };
};

}  // namespace

const Rule& adding_column_volatile_default() {
  static const AddingColumnVolatileDefault rule;
  return rule;
}

}  // namespace miglint::rules
