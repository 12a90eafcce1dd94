#include <miglint/context.hpp>
#include <miglint/rule.hpp>

#include <array>

namespace miglint::rules {

namespace {

class ConcurrentIndexIfNotExists final : public Rule {
 public:
  const RuleMeta& meta() const override { return kMeta; }
  std::span<const std::string_view> node_kinds() const override { return kKinds; }

  void check(const Node& index, Context& context) const override {
    if (!index.flag("concurrent") || !index.flag("if_not_exists") || index.str("idxname").empty()) return;
    context.report(index, "CREATE INDEX CONCURRENTLY IF NOT EXISTS \"" + std::string(index.str("idxname")) +
                              "\" skips an INVALID index left by an earlier failed build: the migration "
                              "succeeds, and the index is never used nor kept unique");
  }

 private:
  static constexpr std::array<std::string_view, 1> kKinds{"IndexStmt"};
  static constexpr RuleMeta kMeta{
      .id = "concurrent-index-if-not-exists",
      .severity = Severity::Warning,
      .summary = "CREATE INDEX CONCURRENTLY IF NOT EXISTS hides an invalid index from a failed earlier build",
      .rationale =
          "A concurrent index build that fails (a deadlock, a lock timeout, a duplicate in a unique index, a "
          "cancelled deploy) leaves its index behind, marked INVALID: queries do not use it, yet writes still "
          "maintain it. When the migration is retried, IF NOT EXISTS finds that name and does nothing, so "
          "the retry succeeds and the index stays invalid for good; a unique index then enforces nothing.",
      .safe_alternative =
          "Drop any leftover first, then build: DROP INDEX CONCURRENTLY IF EXISTS users_email_idx; "
          "CREATE INDEX CONCURRENTLY users_email_idx ON users (email); each in its own non-transactional "
          "migration step. Check for invalid indexes with SELECT indexrelid::regclass FROM pg_index WHERE "
          "NOT indisvalid.",
      .bad = "CREATE INDEX CONCURRENTLY IF NOT EXISTS users_email_idx ON users (email);",
      .good = "DROP INDEX CONCURRENTLY IF EXISTS users_email_idx;\nCREATE INDEX CONCURRENTLY users_email_idx ON users (email);",
  };
};

}  // namespace

const Rule& concurrent_index_if_not_exists() {
  static const ConcurrentIndexIfNotExists rule;
  return rule;
}

}  // namespace miglint::rules
