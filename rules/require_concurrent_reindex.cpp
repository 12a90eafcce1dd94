#include "support/quoted.hpp"

#include <miglint/context.hpp>
#include <miglint/rule.hpp>

#include <algorithm>
#include <array>
#include <string>

namespace miglint::rules {

namespace {

constexpr int kFirstConcurrentReindex = 12;

bool is_concurrent(const Node& statement) {
  NodeList params = statement.list("params");
  return std::any_of(params.begin(), params.end(),
                     [](const Node& param) { return param.str("defname") == "concurrently"; });
}

// What the statement rebuilds, as the finding names it; empty for REINDEX SYSTEM.
std::string target(const Node& statement) {
  std::string_view kind = statement.str("kind");
  std::string name(statement.str("name"));
  if (kind == "REINDEX_OBJECT_INDEX") return "REINDEX INDEX " + quoted(RelationName::of(statement.child("relation")));
  if (kind == "REINDEX_OBJECT_TABLE") return "REINDEX TABLE " + quoted(RelationName::of(statement.child("relation")));
  if (kind == "REINDEX_OBJECT_SCHEMA") return "REINDEX SCHEMA \"" + name + "\" (every table in it)";
  if (kind == "REINDEX_OBJECT_DATABASE") return "REINDEX DATABASE" + (name.empty() ? "" : " \"" + name + "\"") +
                                                " (every table in it)";
  return {};
}

class RequireConcurrentReindex final : public Rule {
 public:
  const RuleMeta& meta() const override { return kMeta; }
  std::span<const std::string_view> node_kinds() const override { return kKinds; }

  void check(const Node& statement, Context& context) const override {
    std::string rebuilt = target(statement);
    if (rebuilt.empty() || is_concurrent(statement)) return;
    std::string indexes = statement.str("kind") == "REINDEX_OBJECT_INDEX" ? "the index" : "each index";
    std::string message = rebuilt + " without CONCURRENTLY rewrites " + indexes + " under " +
                          std::string(to_string(LockMode::AccessExclusive)) + " while holding " +
                          std::string(to_string(LockMode::Share)) + " on its table: " +
                          std::string(traffic_blocked(LockMode::Share)) +
                          " are blocked, and so are reads that use the index, until the rebuild ends";
    if (context.state().pg_version() >= kFirstConcurrentReindex)
      context.report(statement, message);
    else
      context.report(statement, message, std::string(kHelpBeforeConcurrentReindex));
  }

 private:
  static constexpr std::string_view kHelpBeforeConcurrentReindex =
      "PostgreSQL before 12 has no REINDEX CONCURRENTLY. Build a replacement instead: CREATE INDEX CONCURRENTLY "
      "name_new ON t (...) with the same definition, then DROP INDEX CONCURRENTLY name, then ALTER INDEX "
      "name_new RENAME TO name, each outside a transaction. An index backing a constraint needs the constraint "
      "swapped too (ADD CONSTRAINT ... USING INDEX).";
  static constexpr std::array<std::string_view, 1> kKinds{"ReindexStmt"};
  static constexpr RuleMeta kMeta{
      .id = "require-concurrent-reindex",
      .severity = Severity::Warning,
      .summary = "REINDEX without CONCURRENTLY blocks writes to the table and reads that use the index",
      .rationale =
          "REINDEX rebuilds an index from scratch: it holds a SHARE lock on the table, so INSERT, UPDATE and "
          "DELETE wait, and an ACCESS EXCLUSIVE lock on the index, so queries that would use it wait too (the "
          "planner locks every index of a table it plans for). REINDEX TABLE, SCHEMA and DATABASE do this for "
          "each index in turn. REINDEX SYSTEM touches only the catalogs and has no concurrent form, so it is "
          "left alone.",
      .safe_alternative =
          "REINDEX INDEX CONCURRENTLY name; (or TABLE/SCHEMA/DATABASE ... CONCURRENTLY; PostgreSQL 12+): it "
          "builds a new copy next to the old one under SHARE UPDATE EXCLUSIVE, so reads and writes continue. "
          "It cannot run inside a transaction; if it fails, drop the leftover INVALID index named *_ccnew.",
      .bad = "REINDEX INDEX users_email_idx;",
      .good = "REINDEX INDEX CONCURRENTLY users_email_idx;",
      .versions = {},
      .lock = {LockMode::Share, TableEffect::Scan, "users"},
  };
};

}  // namespace

const Rule& require_concurrent_reindex() {
  static const RequireConcurrentReindex rule;
  return rule;
}

}  // namespace miglint::rules
