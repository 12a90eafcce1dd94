#include "engine/transaction.hpp"

#include <algorithm>

namespace miglint {

namespace {

bool reindex_is_concurrent(const Node& statement) {
  for (Node param : statement.list("params"))
    if (param.is("DefElem") && param.str("defname") == "concurrently") return true;
  return false;
}

bool detaches_concurrently(const Node& statement) {
  for (Node command : statement.list("cmds"))
    if (command.str("subtype") == "AT_DetachPartition" && command.child("def").flag("concurrent")) return true;
  return false;
}

bool envelope_wraps(Envelope envelope, const std::vector<Node>& statements, int pg_version) {
  switch (envelope) {
    case Envelope::None: return false;
    case Envelope::TransactionPerMigration: return true;
    // PostgreSQL runs a multi-statement query string as one transaction.
    case Envelope::OneString: return statements.size() > 1;
    case Envelope::TransactionUnlessAllNonTransactional:
      return !std::all_of(statements.begin(), statements.end(),
                          [&](const Node& statement) { return statement && cannot_run_in_transaction(statement, pg_version); });
  }
  return false;
}

}  // namespace

bool cannot_run_in_transaction(const Node& statement, int pg_version) {
  std::string_view kind = statement.kind();
  if (kind == "IndexStmt" || kind == "DropStmt") return statement.flag("concurrent");
  if (kind == "ReindexStmt") return reindex_is_concurrent(statement);
  if (kind == "VacuumStmt") return statement.flag("is_vacuumcmd");
  if (kind == "AlterTableStmt") return detaches_concurrently(statement);
  if (kind == "AlterEnumStmt") return pg_version < 12 && statement.str("oldVal").empty();
  return kind == "CreatedbStmt" || kind == "DropdbStmt" || kind == "AlterSystemStmt" ||
         kind == "CreateTableSpaceStmt" || kind == "DropTableSpaceStmt";
}

TransactionTracker::TransactionTracker(Envelope envelope, const std::vector<Node>& statements, int pg_version)
    : envelope_transaction_(envelope_wraps(envelope, statements, pg_version)) {}

bool TransactionTracker::enter(const Node& statement) {
  bool inside = envelope_transaction_ || explicit_block_;
  if (statement.is("TransactionStmt")) {
    std::string_view kind = statement.str("kind");
    if (kind == "TRANS_STMT_BEGIN" || kind == "TRANS_STMT_START") {
      explicit_block_ = true;
      return true;
    }
    if (kind == "TRANS_STMT_COMMIT" || kind == "TRANS_STMT_ROLLBACK" || kind == "TRANS_STMT_PREPARE" ||
        kind == "TRANS_STMT_COMMIT_PREPARED" || kind == "TRANS_STMT_ROLLBACK_PREPARED")
      explicit_block_ = false;
  }
  return inside;
}

}  // namespace miglint
