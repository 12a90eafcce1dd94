#include <miglint/context.hpp>
#include <miglint/rule.hpp>

namespace miglint::rules {

namespace {

class DynamicSql final : public Rule {
 public:
  const RuleMeta& meta() const override { return kMeta; }

  void check_unparsed(const UnparsedStatement& statement, Context& context) const override {
    if (statement.cause != UnparsedStatement::Cause::DynamicSql) return;
    context.report_unparsed("EXECUTE " + std::string(statement.excerpt) +
                            " builds its SQL at run time: it cannot be checked statically");
  }

 private:
  static constexpr RuleMeta kMeta{
      .id = "dynamic-sql",
      .severity = Severity::Info,
      .summary = "EXECUTE of SQL built at run time in a DO block cannot be checked",
      .rationale =
          "miglint lints the statements a DO block runs, and the constant strings it EXECUTEs, with the same "
          "rules as the rest of the migration. A string assembled at run time (format(), ||, variables) "
          "is known only when the block runs, so whatever lock or rewrite it causes goes unchecked.",
      .safe_alternative =
          "Write the statement out when its text is fixed, or review the generated SQL by hand: run the "
          "block's SELECT format(...) on a copy of the database and lint its output.",
      .bad = "DO $$\nBEGIN\n  EXECUTE format('ALTER TABLE %I ADD COLUMN note text', 'users');\nEND\n$$;",
      .good = "DO $$\nBEGIN\n  ALTER TABLE users ADD COLUMN note text;\nEND\n$$;",
  };
};

}  // namespace

const Rule& dynamic_sql() {
  static const DynamicSql rule;
  return rule;
}

}  // namespace miglint::rules
