#include <miglint/context.hpp>
#include <miglint/rule.hpp>

#include <string>

namespace miglint::rules {

namespace {

class SuppressionUnknownRule final : public Rule {
 public:
  const RuleMeta& meta() const override { return kMeta; }

  void check_suppression(const SuppressionFacts& suppression, Context& context) const override {
    for (std::string_view id : suppression.unknown)
      context.report_at(suppression.mark, "this suppression names \"" + std::string(id) +
                                              "\", which is no rule of miglint's: it silences nothing (see "
                                              "`miglint rules` for the ids)");
  }

 private:
  static constexpr RuleMeta kMeta{
      .id = "suppression-unknown-rule",
      .severity = Severity::Error,
      .summary = "A miglint-ignore comment names a rule that does not exist",
      .rationale =
          "A misspelt or renamed rule id in a suppression silences nothing, so the finding it was meant to "
          "silence is reported anyway, or, worse, the author believes a check is waived when it is not.",
      .safe_alternative = "Use the rule's id as `miglint rules` lists it.",
      .bad = "-- miglint-ignore require-concurrent-indexes -- small table\n"
             "CREATE INDEX flags_name_idx ON feature_flags (name);",
      .good = "-- miglint-ignore require-concurrent-index -- small table\n"
              "CREATE INDEX flags_name_idx ON feature_flags (name);",
  };
};

}  // namespace

const Rule& suppression_unknown_rule() {
  static const SuppressionUnknownRule rule;
  return rule;
}

}  // namespace miglint::rules
