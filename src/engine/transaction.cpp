#include "engine/transaction.hpp"

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

TransactionTracker::TransactionTracker(Envelope envelope, int pg_version) : envelope_(envelope), pg_version_(pg_version) {
  if (envelope == Envelope::None) envelope_transaction_ = false;
  if (envelope == Envelope::TransactionPerMigration) envelope_transaction_ = true;
}

void TransactionTracker::see(const Node& statement) {
  ++seen_;
  if (decided()) return;
  // PostgreSQL runs a multi-statement query string as one transaction.
  if (envelope_ == Envelope::OneString && seen_ > 1) envelope_transaction_ = true;
  // miglint runs a migration in autocommit only when every statement needs it.
  if (envelope_ == Envelope::TransactionUnlessAllNonTransactional &&
      !(statement && cannot_run_in_transaction(statement, pg_version_)))
    envelope_transaction_ = true;
}

void TransactionTracker::finish() {
  if (!decided()) envelope_transaction_ = false;
}

bool TransactionTracker::enter(const Node& statement) {
  bool inside = envelope_transaction_.value_or(false) || explicit_block_;
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
