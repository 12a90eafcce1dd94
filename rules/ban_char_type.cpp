#include "support/new_column.hpp"

#include <miglint/context.hpp>
#include <miglint/locks.hpp>
#include <miglint/rule.hpp>

#include <array>

namespace miglint::rules {

namespace {

class BanCharType final : public Rule {
 public:
  const RuleMeta& meta() const override { return kMeta; }
  std::span<const std::string_view> node_kinds() const override { return kKinds; }

  // `char`, `character(n)` and `bpchar` are all bpchar; the quoted "char" is
  // the one-byte internal type, another name.
  void check(const Node& column_def, Context& context) const override {
    std::optional<NewColumn> column = new_column_of_type(column_def, context, {"bpchar"});
    if (!column || column->type.name != "bpchar") return;
    context.report(column_def, describe(*column) + " is " + sql_type(column->type) +
                                   ": values are padded with spaces to the length, which comparisons ignore "
                                   "but LIKE, regular expressions and clients do not, and it is neither "
                                   "smaller nor faster than text; changing it to text or varchar later "
                                   "rewrites the table and its indexes under an " +
                                   std::string(to_string(LockMode::AccessExclusive)) + " lock, which blocks " +
                                   std::string(traffic_blocked(LockMode::AccessExclusive)));
  }

 private:
  static constexpr std::array<std::string_view, 1> kKinds{"ColumnDef"};
  static constexpr RuleMeta kMeta{
      .id = "ban-char-type",
      .severity = Severity::Warning,
      .summary = "char(n) or character(n) in a new column",
      .rationale =
          "char(n) pads every value with spaces to n characters. Comparisons between char values ignore the "
          "padding, but LIKE, regular expressions and the application see it. It is stored like varchar "
          "and text, so it saves neither space nor time; bare char means char(1). Changing it later to text "
          "or varchar is not binary-coercible: ALTER COLUMN TYPE rewrites the table and all its indexes "
          "under an ACCESS EXCLUSIVE lock, which blocks reads and writes."
          " Columns that a down section adds back are exempt: it restores the earlier schema.",
      .safe_alternative =
          "Use text (or varchar), with a CHECK where the length is fixed: country text CONSTRAINT "
          "users_country_length CHECK (length(country) = 2).",
      .bad = "ALTER TABLE users ADD COLUMN country char(2);",
      .good = "ALTER TABLE users ADD COLUMN country text CONSTRAINT users_country_length CHECK (length(country) = 2);",
  };
};

}  // namespace

const Rule& ban_char_type() {
  static const BanCharType rule;
  return rule;
}

}  // namespace miglint::rules
