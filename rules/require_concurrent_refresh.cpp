#include "support/quoted.hpp"

#include <miglint/context.hpp>
#include <miglint/rule.hpp>

#include <array>
#include <string>

namespace miglint::rules {

namespace {

class RequireConcurrentRefresh final : public Rule {
 public:
  const RuleMeta& meta() const override { return kMeta; }
  std::span<const std::string_view> node_kinds() const override { return kKinds; }

  // WITH NO DATA empties the view instead of computing it, and has no concurrent form.
  void check(const Node& statement, Context& context) const override {
    if (statement.flag("concurrent") || statement.flag("skipData")) return;
    RelationName view = RelationName::of(statement.child("relation"));
    if (context.state().is_new_table(view)) return;
    constexpr LockMode kLock = LockMode::AccessExclusive;
    context.report(statement, "REFRESH MATERIALIZED VIEW " + quoted(view) + " without CONCURRENTLY takes " +
                                  std::string(to_string(kLock)) + " and rewrites the view from its query: " +
                                  std::string(traffic_blocked(kLock)) + " of " + quoted(view) +
                                  " are blocked until the query finishes and the transaction commits");
  }

 private:
  static constexpr std::array<std::string_view, 1> kKinds{"RefreshMatViewStmt"};
  static constexpr RuleMeta kMeta{
      .id = "require-concurrent-refresh",
      .severity = Severity::Warning,
      .summary = "REFRESH MATERIALIZED VIEW without CONCURRENTLY blocks every read of the view",
      .rationale =
          "A plain REFRESH MATERIALIZED VIEW runs the view's query into a new file and swaps it in, holding an "
          "ACCESS EXCLUSIVE lock on the view the whole time, so every SELECT from it waits for the full query. "
          "Views created earlier in the same migration are exempt, and so is WITH NO DATA, which only empties "
          "the view.",
      .safe_alternative =
          "REFRESH MATERIALIZED VIEW CONCURRENTLY v; It takes EXCLUSIVE, which lets reads go on while it "
          "computes and applies the differences. It needs a UNIQUE index on the view covering all rows (plain "
          "columns, no WHERE clause), and the view must already be populated. Create the index first (CREATE "
          "UNIQUE INDEX CONCURRENTLY) if it is missing.",
      .bad = "REFRESH MATERIALIZED VIEW user_stats;",
      .good = "REFRESH MATERIALIZED VIEW CONCURRENTLY user_stats;",
      .versions = {},
      .lock = {LockMode::AccessExclusive, TableEffect::Rewrite, "user_stats"},
  };
};

}  // namespace

const Rule& require_concurrent_refresh() {
  static const RequireConcurrentRefresh rule;
  return rule;
}

}  // namespace miglint::rules
