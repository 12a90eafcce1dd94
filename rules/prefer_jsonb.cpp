#include "support/new_column.hpp"

#include <miglint/context.hpp>
#include <miglint/locks.hpp>
#include <miglint/rule.hpp>

#include <array>

namespace miglint::rules {

namespace {

class PreferJsonb final : public Rule {
 public:
  const RuleMeta& meta() const override { return kMeta; }
  std::span<const std::string_view> node_kinds() const override { return kKinds; }

  void check(const Node& column_def, Context& context) const override {
    std::optional<NewColumn> column = new_column_of_type(column_def, context, {"json"});
    if (!column || column->type.name != "json") return;
    context.report(column_def, describe(*column) + " is " + sql_type(column->type) +
                                   ": it keeps the text as written and parses it on every access, and has no "
                                   "equality operator, so DISTINCT, GROUP BY, UNION and unique indexes fail on "
                                   "it; converting it to jsonb later rewrites the table and its indexes under "
                                   "an " + std::string(to_string(LockMode::AccessExclusive)) +
                                   " lock, which blocks " + std::string(traffic_blocked(LockMode::AccessExclusive)));
  }

 private:
  static constexpr std::array<std::string_view, 1> kKinds{"ColumnDef"};
  static constexpr RuleMeta kMeta{
      .id = "prefer-jsonb",
      .severity = Severity::Warning,
      .summary = "json in a new column, where jsonb is what queries need",
      .rationale =
          "json stores the input text, whitespace and duplicate keys included, and parses it again whenever "
          "a value is read or a field extracted. It has no equality operator: SELECT DISTINCT, GROUP BY, "
          "UNION and unique constraints over it fail with 'could not identify an equality operator for type "
          "json', and it has no GIN index or containment (@>) operator. jsonb is parsed once on write. "
          "Converting later is ALTER COLUMN TYPE jsonb: a rewrite of the table and all its indexes under an "
          "ACCESS EXCLUSIVE lock, which blocks reads and writes. Keep json only when the exact text or key "
          "order must survive."
          " Columns that a down section adds back are exempt: it restores the earlier schema.",
      .safe_alternative =
          "Declare the column jsonb. To convert an existing json column: add a jsonb column, have the code "
          "write both, backfill it in batches (UPDATE ... SET doc_b = doc::jsonb WHERE id BETWEEN ...), switch "
          "reads to it, then drop the json column in a later release.",
      .bad = "ALTER TABLE users ADD COLUMN settings json;",
      .good = "ALTER TABLE users ADD COLUMN settings jsonb;",
  };
};

}  // namespace

const Rule& prefer_jsonb() {
  static const PreferJsonb rule;
  return rule;
}

}  // namespace miglint::rules
