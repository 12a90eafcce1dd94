#include <miglint/context.hpp>
#include <miglint/rule.hpp>

#include <algorithm>
#include <array>
#include <string>

namespace miglint::rules {

namespace {

bool has_concurrently_option(const Node& reindex) {
  NodeList params = reindex.list("params");
  return std::any_of(params.begin(), params.end(), [](const Node& param) { return param.str("defname") == "concurrently"; });
}

// The statement as its CONCURRENTLY form is named, or "" when the node is not one.
std::string_view concurrent_statement(const Node& node) {
  std::string_view kind = node.kind();
  if (kind == "IndexStmt" && node.flag("concurrent")) return "CREATE INDEX CONCURRENTLY";
  if (kind == "DropStmt" && node.flag("concurrent")) return "DROP INDEX CONCURRENTLY";
  if (kind == "ReindexStmt" && has_concurrently_option(node)) return "REINDEX CONCURRENTLY";
  if (kind == "AlterTableCmd" && node.str("subtype") == "AT_DetachPartition" && node.child("def").flag("concurrent"))
    return "DETACH PARTITION CONCURRENTLY";
  return {};
}

std::string why_in_transaction(const StatementFacts& statement) {
  if (statement.inside_do_block) return "a DO block, which runs as one statement inside a transaction";
  if (statement.explicit_transaction) return "the transaction the migration's own BEGIN opened";
  return "the transaction the runner puts this migration in (its envelope, or the implicit transaction of "
         "several statements sent as one string)";
}

class ConcurrentlyInTransaction final : public Rule {
 public:
  const RuleMeta& meta() const override { return kMeta; }
  std::span<const std::string_view> node_kinds() const override { return kKinds; }

  void check(const Node& node, Context& context) const override {
    std::string_view what = concurrent_statement(node);
    if (what.empty() || !context.statement().in_transaction) return;
    context.report(node, std::string(what) + " cannot run inside a transaction block, and this one runs in " +
                             why_in_transaction(context.statement()) +
                             ": PostgreSQL rejects it, the migration fails here and rolls back");
  }

 private:
  static constexpr std::array<std::string_view, 4> kKinds{"IndexStmt", "DropStmt", "ReindexStmt", "AlterTableCmd"};
  static constexpr RuleMeta kMeta{
      .id = "concurrently-in-transaction",
      .severity = Severity::Error,
      .summary = "A CONCURRENTLY statement runs inside a transaction, where PostgreSQL refuses it",
      .rationale =
          "CREATE INDEX CONCURRENTLY, DROP INDEX CONCURRENTLY, REINDEX CONCURRENTLY and DETACH PARTITION "
          "CONCURRENTLY take only a SHARE UPDATE EXCLUSIVE lock because they commit in several steps, so "
          "PostgreSQL refuses them inside a transaction block ('cannot run inside a transaction block') and "
          "the migration fails. A statement is in a transaction after an explicit BEGIN, inside a DO block, "
          "when the runner wraps the migration in one (goose, dbmate and Flyway by default; miglint's own "
          "format when the migration also holds statements that need a transaction), and when the runner "
          "sends a file of several statements as one string, which PostgreSQL runs as one implicit "
          "transaction (golang-migrate, Prisma, dbmate).",
      .safe_alternative =
          "Give the statement a migration of its own that runs outside a transaction, with no BEGIN/COMMIT "
          "around it and not in a DO block: goose `-- +goose NO TRANSACTION`; dbmate `-- migrate:up "
          "transaction:false` with the statement alone in the file; Flyway `executeInTransaction=false` in "
          "the migration's .sql.conf; golang-migrate and Prisma a file that holds only this statement; "
          "miglint `-- miglint:no-transaction`, or a migration made only of such statements.",
      .bad = "ALTER TABLE users ADD COLUMN last_seen_at timestamptz;\n"
             "CREATE INDEX CONCURRENTLY users_status_idx ON users (status);",
      .good = "CREATE INDEX CONCURRENTLY users_status_idx ON users (status);",
      .versions = {},
  };
};

}  // namespace

const Rule& concurrently_in_transaction() {
  static const ConcurrentlyInTransaction rule;
  return rule;
}

}  // namespace miglint::rules
