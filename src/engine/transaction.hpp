#pragma once

#include <miglint/migration.hpp>
#include <miglint/node.hpp>

#include <cstddef>
#include <optional>

namespace miglint {

// PostgreSQL refuses these inside a transaction block.
bool cannot_run_in_transaction(const Node& statement, int pg_version);

// Where a statement runs, transaction-wise.
struct TransactionPosition {
  bool in_transaction = false;
  bool runner_transaction = false;    // the runner's envelope, still open
  bool explicit_transaction = false;  // an explicit BEGIN is open before the statement
  int id = 0;                         // 0: autocommit
};

// Decides, statement by statement, whether a section runs inside a
// transaction: the runner's envelope plus explicit BEGIN/COMMIT. This is
// the one place that knows how runners wrap migrations.
//
// Some envelopes depend on statements further on (a file sent as one string
// is a transaction only if it holds several), so the engine shows each
// statement to see() first and holds statements back until decided().
class TransactionTracker {
 public:
  // `transactions` numbers the migration's transactions across its sections.
  TransactionTracker(Envelope envelope, int pg_version, int& transactions);

  // Takes note of the next statement (an empty Node if it did not parse).
  void see(const Node& statement);
  bool decided() const { return envelope_transaction_.has_value(); }
  // The section has no more statements: settles what is still open.
  void finish();

  // Where the next statement runs; call once decided, once per statement, in order.
  TransactionPosition enter(const Node& statement);
  // An explicit BEGIN is still open at the end of the section.
  bool explicit_transaction_open() const { return explicit_block_; }

 private:
  int open_transaction();

  Envelope envelope_;
  int pg_version_;
  int& transactions_;
  std::size_t seen_ = 0;
  std::optional<bool> envelope_transaction_;
  bool envelope_open_ = false;
  bool explicit_block_ = false;
  int current_ = 0;
};

}  // namespace miglint
