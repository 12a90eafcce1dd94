#include <miglint/context.hpp>
#include <miglint/rule.hpp>

#include <string>

namespace miglint::rules {

namespace {

class UnusedSuppression final : public Rule {
 public:
  const RuleMeta& meta() const override { return kMeta; }

  void check_suppression(const SuppressionFacts& suppression, Context& context) const override {
    if (suppression.silenced != 0 || suppression.rules.empty()) return;
    std::string names;
    for (std::string_view id : suppression.rules) names += (names.empty() ? "" : ", ") + std::string(id);
    context.report_at(suppression.mark, std::string(suppression.whole_file ? "this file-wide" : "this") +
                                            " suppression of " + names + " silences nothing: the statement it "
                                            "covers no longer has such a finding, so the comment only misleads");
  }

 private:
  static constexpr RuleMeta kMeta{
      .id = "unused-suppression",
      .severity = Severity::Warning,
      .summary = "A miglint-ignore comment that silences no finding",
      .rationale =
          "Suppressions outlive the code they were written for: the statement was fixed, moved, or the rule "
          "no longer fires on it. A stale comment tells readers there is an exception where there is none, "
          "and would silence a real finding if the statement changed back.",
      .safe_alternative = "Delete the comment, or move it to the statement it was meant for.",
      .bad = "-- miglint-ignore require-concurrent-index -- small table\n"
             "CREATE INDEX CONCURRENTLY flags_name_idx ON feature_flags (name);",
      .good = "CREATE INDEX CONCURRENTLY flags_name_idx ON feature_flags (name);",
  };
};

}  // namespace

const Rule& unused_suppression() {
  static const UnusedSuppression rule;
  return rule;
}

}  // namespace miglint::rules
