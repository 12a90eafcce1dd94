#include <miglint/context.hpp>
#include <miglint/rule.hpp>

#include <array>
#include <string>

namespace miglint::rules {

namespace {

std::string begin_problem(const StatementFacts& statement) {
  if (statement.explicit_transaction)
    return "BEGIN inside a transaction that an earlier BEGIN of the migration opened: PostgreSQL only warns and "
           "ignores it, so the first COMMIT ends the outer transaction too and what follows runs in autocommit";
  if (statement.runner_transaction)
    return "BEGIN inside the transaction the runner already runs this migration in: PostgreSQL only warns and "
           "ignores it, the COMMIT that follows commits the runner's transaction before the migration is done "
           "(a failure after it can no longer roll back what came before), and the runner's own COMMIT then "
           "finds no transaction";
  return {};
}

// Inside the runner's transaction the BEGIN before a COMMIT is what gets reported.
std::string end_problem(const Node& statement, const StatementFacts& facts) {
  if (facts.in_transaction) return {};
  bool commit = statement.str("kind") == "TRANS_STMT_COMMIT";
  std::string name = commit ? "COMMIT" : "ROLLBACK";
  if (statement.flag("chain"))
    return name + " AND CHAIN with no transaction open: PostgreSQL rejects it, so the migration fails here";
  return name + " with no transaction open: PostgreSQL only warns; the statements before it already " +
         (commit ? "committed one by one, so they never formed one transaction" : "committed one by one and are "
                                                                                  "not undone");
}

class TransactionNesting final : public Rule {
 public:
  const RuleMeta& meta() const override { return kMeta; }
  std::span<const std::string_view> node_kinds() const override { return kKinds; }

  void check(const Node& statement, Context& context) const override {
    std::string_view kind = statement.str("kind");
    std::string problem;
    if (kind == "TRANS_STMT_BEGIN" || kind == "TRANS_STMT_START")
      problem = begin_problem(context.statement());
    else if (kind == "TRANS_STMT_COMMIT" || kind == "TRANS_STMT_ROLLBACK")
      problem = end_problem(statement, context.statement());
    if (!problem.empty()) context.report(statement, problem);
  }

 private:
  static constexpr std::array<std::string_view, 1> kKinds{"TransactionStmt"};
  static constexpr RuleMeta kMeta{
      .id = "transaction-nesting",
      .severity = Severity::Warning,
      .summary = "BEGIN inside a transaction (the runner's included), or COMMIT or ROLLBACK with none open",
      .rationale =
          "PostgreSQL has no nested transactions. A BEGIN inside an open transaction only warns and is "
          "ignored, so the first COMMIT ends the outer transaction, and whatever follows runs in autocommit: "
          "a failure half way leaves the migration half applied. goose, dbmate, Flyway and miglint already "
          "run each migration in a transaction, so a BEGIN/COMMIT pair in the file commits the runner's "
          "transaction early. A COMMIT or ROLLBACK with no transaction open only warns: the statements before "
          "it committed one by one (COMMIT AND CHAIN there is an error). Savepoints and COMMIT AND CHAIN inside "
          "a transaction are fine.",
      .safe_alternative =
          "Let the runner own the transaction: drop BEGIN/COMMIT from migrations it wraps. Where the runner "
          "does not wrap (psql scripts, plain files, a runner's no-transaction mode), open exactly one BEGIN "
          "and end it with one COMMIT; use SAVEPOINT for partial rollback.",
      .bad = "BEGIN;\nALTER TABLE users ADD COLUMN note text;\nCOMMIT;",
      .good = "ALTER TABLE users ADD COLUMN note text;",
      .versions = {},
  };
};

}  // namespace

const Rule& transaction_nesting() {
  static const TransactionNesting rule;
  return rule;
}

}  // namespace miglint::rules
