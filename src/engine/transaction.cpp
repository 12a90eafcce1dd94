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

TransactionTracker::TransactionTracker(Envelope envelope, int pg_version, int& transactions)
    : envelope_(envelope), pg_version_(pg_version), transactions_(transactions) {
  if (envelope == Envelope::None) envelope_transaction_ = false;
  if (envelope == Envelope::TransactionPerMigration) envelope_transaction_ = true;
  envelope_open_ = envelope_transaction_.value_or(false);
}

void TransactionTracker::see(const Node& statement) {
  ++seen_;
  if (decided()) return;
  // PostgreSQL runs a multi-statement query string as one transaction.
  if (envelope_ == Envelope::OneString && seen_ > 1) envelope_transaction_ = true;
  // miglint runs a migration in autocommit only when every statement needs
  // it; SET and RESET work either way.
  if (envelope_ == Envelope::TransactionUnlessAllNonTransactional && !statement.is("VariableSetStmt") &&
      !(statement && cannot_run_in_transaction(statement, pg_version_)))
    envelope_transaction_ = true;
  envelope_open_ = envelope_transaction_.value_or(false);
}

void TransactionTracker::finish() {
  if (!decided()) envelope_transaction_ = false;
}

int TransactionTracker::open_transaction() {
  if (current_ == 0) current_ = ++transactions_;
  return current_;
}

TransactionPosition TransactionTracker::enter(const Node& statement) {
  TransactionPosition position{envelope_open_ || explicit_block_, envelope_open_, explicit_block_, 0};
  if (position.in_transaction) position.id = open_transaction();
  if (!statement.is("TransactionStmt")) return position;

  std::string_view kind = statement.str("kind");
  if (kind == "TRANS_STMT_BEGIN" || kind == "TRANS_STMT_START") {
    // In a multi-statement string, BEGIN turns the implicit transaction into
    // an explicit one, which COMMIT then ends.
    if (envelope_ == Envelope::OneString && envelope_open_ && !explicit_block_) {
      envelope_open_ = false;
      explicit_block_ = true;
      position.runner_transaction = false;
      return position;
    }
    // Inside a transaction already, PostgreSQL only warns and carries on.
    if (!position.in_transaction) {
      explicit_block_ = true;
      position.in_transaction = true;
      position.id = open_transaction();
    }
  } else if (kind == "TRANS_STMT_COMMIT" || kind == "TRANS_STMT_ROLLBACK" || kind == "TRANS_STMT_PREPARE") {
    bool chain = statement.flag("chain");
    explicit_block_ = chain && position.in_transaction && explicit_block_;
    envelope_open_ = chain && envelope_open_;
    current_ = 0;
    if (chain && position.in_transaction) open_transaction();
  }
  return position;
}

}  // namespace miglint
