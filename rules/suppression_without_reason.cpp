#include <miglint/context.hpp>
#include <miglint/rule.hpp>

namespace miglint::rules {

namespace {

class SuppressionWithoutReason final : public Rule {
 public:
  const RuleMeta& meta() const override { return kMeta; }

  void check_suppression(const SuppressionFacts& suppression, Context& context) const override {
    if (suppression.has_reason || suppression.rules.empty()) return;
    context.report_at(suppression.mark, "this suppression gives no reason: say after a second `--` why the "
                                        "finding does not apply, so that reviewers and later readers can judge it");
  }

 private:
  static constexpr RuleMeta kMeta{
      .id = "suppression-without-reason",
      .severity = Severity::Warning,
      .summary = "A miglint-ignore comment that does not say why",
      .rationale =
          "A suppression turns off a check that exists because the statement can lock or break production. "
          "Without a reason, a reviewer cannot tell a considered exception (a table known to be tiny, a "
          "column no release uses any more) from a silenced warning, and nobody can tell later whether the "
          "reason still holds.",
      .safe_alternative = "Add the reason after the rule ids: `-- miglint-ignore require-concurrent-index -- "
                          "the table holds 40 rows and never grows`.",
      .bad = "-- miglint-ignore require-concurrent-index\nCREATE INDEX flags_name_idx ON feature_flags (name);",
      .good = "-- miglint-ignore require-concurrent-index -- 40 rows, never grows\n"
              "CREATE INDEX flags_name_idx ON feature_flags (name);",
  };
};

}  // namespace

const Rule& suppression_without_reason() {
  static const SuppressionWithoutReason rule;
  return rule;
}

}  // namespace miglint::rules
