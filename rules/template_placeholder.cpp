#include <miglint/context.hpp>
#include <miglint/rule.hpp>

namespace miglint::rules {

namespace {

class TemplatePlaceholder final : public Rule {
 public:
  const RuleMeta& meta() const override { return kMeta; }

  void check_unparsed(const UnparsedStatement& statement, Context& context) const override {
    if (statement.cause != UnparsedStatement::Cause::TemplatePlaceholder) return;
    context.report_unparsed("template placeholder `" + std::string(statement.excerpt) +
                            "`: this statement is not SQL until the runner substitutes it, so miglint "
                            "could not check it");
  }

 private:
  static constexpr RuleMeta kMeta{
      .id = "template-placeholder",
      .severity = Severity::Warning,
      .summary = "A template placeholder ({{ ... }}, ${...}) keeps a statement from being checked",
      .rationale =
          "Some runners substitute variables before sending a migration: Go templates in gobuffalo pop "
          "(`{{ index .Options \"Namespace\" }}`), `${schema}` in Flyway and sqitch. Until then the "
          "statement is not SQL, so PostgreSQL's parser rejects it and no rule can look at it: an unsafe "
          "change could hide there.",
      .safe_alternative =
          "Tell miglint what the placeholder stands for, so the statement can be parsed and checked, or "
          "write the value out in the migration.",
      .bad = "ALTER TABLE {{ index .Options \"Namespace\" }}.users ADD COLUMN phone text;",
      .good = "ALTER TABLE auth.users ADD COLUMN phone text;",
      .versions = {},
  };
};

}  // namespace

const Rule& template_placeholder() {
  static const TemplatePlaceholder rule;
  return rule;
}

}  // namespace miglint::rules
