#include <miglint/context.hpp>
#include <miglint/rule.hpp>

#include <array>
#include <string>

namespace miglint::rules {

namespace {

// DROP names each index as [schema, name] or [name].
RelationName index_name(const Node& object) {
  NodeList parts = object.list("items");
  return {parts.size() > 1 ? std::string(parts.front().string_value()) : "", std::string(parts.back().string_value())};
}

class RequireConcurrentIndexDrop final : public Rule {
 public:
  const RuleMeta& meta() const override { return kMeta; }
  std::span<const std::string_view> node_kinds() const override { return kKinds; }

  void check(const Node& statement, Context& context) const override {
    if (statement.str("removeType") != "OBJECT_INDEX" || statement.flag("concurrent")) return;
    std::string existing;
    for (Node object : statement.list("objects")) {
      if (object.list("items").empty()) continue;
      RelationName index = index_name(object);
      if (context.state().is_new_index(index)) continue;
      existing += (existing.empty() ? "\"" : ", \"") + index.display() + "\"";
    }
    if (existing.empty()) return;
    constexpr LockMode kLock = LockMode::AccessExclusive;
    context.report(statement, "DROP INDEX " + existing + " without CONCURRENTLY takes " +
                                  std::string(to_string(kLock)) + " on the index's table: " +
                                  std::string(traffic_blocked(kLock)) +
                                  " of that table are blocked while it waits for running queries and drops the index");
  }

 private:
  static constexpr std::array<std::string_view, 1> kKinds{"DropStmt"};
  static constexpr RuleMeta kMeta{
      .id = "require-concurrent-index-drop",
      .severity = Severity::Warning,
      .summary = "DROP INDEX without CONCURRENTLY blocks reads and writes of the index's table",
      .rationale =
          "A plain DROP INDEX takes an ACCESS EXCLUSIVE lock on the table the index belongs to. The drop itself "
          "is quick, but the lock request queues behind every running query on the table, and every later read "
          "and write queues behind it, so a single slow query turns it into an outage. Indexes created earlier "
          "in the same migration are exempt.",
      .safe_alternative =
          "DROP INDEX CONCURRENTLY IF EXISTS name; (SHARE UPDATE EXCLUSIVE: reads and writes continue) in a "
          "migration that runs outside a transaction, one index per statement. An index that backs a constraint "
          "cannot be dropped concurrently: drop the constraint with SET lock_timeout and retries instead.",
      .bad = "DROP INDEX users_email_idx;",
      .good = "DROP INDEX CONCURRENTLY users_email_idx;",
      .versions = {},
      .lock = {LockMode::AccessExclusive, TableEffect::None, "users"},
  };
};

}  // namespace

const Rule& require_concurrent_index_drop() {
  static const RequireConcurrentIndexDrop rule;
  return rule;
}

}  // namespace miglint::rules
