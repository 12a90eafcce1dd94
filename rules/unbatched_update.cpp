#include <miglint/context.hpp>
#include <miglint/rule.hpp>

#include <algorithm>
#include <array>

namespace miglint::rules {

namespace {

bool is_column(const Node& node) { return node.is("ColumnRef"); }

bool is_bounding_operator(const Node& expression) {
  std::string_view op = expression.list("name").back().string_value();
  return op == "=" || op == "<" || op == ">" || op == "<=" || op == ">=";
}

// Whether a predicate limits the rows to a key range or a key set: what a
// batch looks like. IS [NOT] NULL, <>, NOT and joins between columns do not.
bool bounds_rows(const Node& predicate) {
  std::string_view kind = predicate.kind();
  if (kind == "BoolExpr") {
    std::string_view op = predicate.str("boolop");
    NodeList args = predicate.list("args");
    if (op == "AND_EXPR") return std::any_of(args.begin(), args.end(), bounds_rows);
    if (op == "OR_EXPR") return std::all_of(args.begin(), args.end(), bounds_rows);
    return false;
  }
  if (kind == "A_Expr") {
    std::string_view expression_kind = predicate.str("kind");
    Node left = predicate.child("lexpr"), right = predicate.child("rexpr");
    if (expression_kind == "AEXPR_OP")
      return is_bounding_operator(predicate) && is_column(left) != is_column(right);
    if (expression_kind == "AEXPR_OP_ANY" || expression_kind == "AEXPR_IN")
      return is_bounding_operator(predicate) && is_column(left);
    return (expression_kind == "AEXPR_BETWEEN" || expression_kind == "AEXPR_BETWEEN_SYM") && is_column(left);
  }
  // `id IN (SELECT id ... LIMIT n)`: a batch picked by a subquery.
  if (kind == "SubLink")
    return predicate.str("subLinkType") == "ANY_SUBLINK" && predicate.child("subselect").child("limitCount");
  return kind == "CurrentOfExpr";
}

class UnbatchedUpdate final : public Rule {
 public:
  const RuleMeta& meta() const override { return kMeta; }
  std::span<const std::string_view> node_kinds() const override { return kKinds; }

  void check(const Node& statement, Context& context) const override {
    RelationName table = RelationName::of(statement.child("relation"));
    if (context.state().is_new_table(table)) return;
    std::string verb = statement.is("UpdateStmt") ? "UPDATE" : "DELETE";
    Node where = statement.child("whereClause");
    if (!where) {
      context.report(statement, verb + " of every row of existing table \"" + table.display() +
                                    "\" in one statement: each row stays locked against other writers until "
                                    "the transaction commits, and the dead rows bloat the table");
    } else if (!bounds_rows(where)) {
      context.report(statement, verb + " on existing table \"" + table.display() +
                                    "\" whose WHERE clause bounds no key range (only IS NULL, <>, NOT or "
                                    "similar): it touches an unbounded number of rows in one transaction, "
                                    "locking each against other writers until it commits");
    }
  }

 private:
  static constexpr std::array<std::string_view, 2> kKinds{"UpdateStmt", "DeleteStmt"};
  static constexpr RuleMeta kMeta{
      .id = "unbatched-update",
      .severity = Severity::Warning,
      .summary = "UPDATE or DELETE of an unbounded number of rows in one statement",
      .rationale =
          "A data migration that updates or deletes a whole table in one statement holds a row lock on "
          "every row it touches until it commits, so application writes to those rows wait, possibly for "
          "minutes. It also writes the whole table to WAL at once (replicas fall behind) and leaves as many "
          "dead rows for VACUUM. A WHERE clause that only says IS NULL, <> or NOT still matches an "
          "unbounded number of rows. Tables created in the same migration are empty and exempt.",
      .safe_alternative =
          "Backfill in batches, each in its own transaction: UPDATE t SET ... WHERE id > :last AND id <= "
          ":last + 5000 (or WHERE id IN (SELECT id FROM t WHERE ... LIMIT 5000)), repeated until no row is "
          "left, outside the schema migration or in a migration of its own.",
      .bad = "UPDATE users SET display_name = name WHERE display_name IS NULL;",
      .good = "UPDATE users SET display_name = name WHERE id > 0 AND id <= 5000 AND display_name IS NULL;",
      .versions = {},
  };
};

}  // namespace

const Rule& unbatched_update() {
  static const UnbatchedUpdate rule;
  return rule;
}

}  // namespace miglint::rules
