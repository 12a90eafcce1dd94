#pragma once

#include <miglint/migration.hpp>
#include <miglint/node.hpp>

#include <cstddef>
#include <optional>

namespace miglint {

// PostgreSQL refuses these inside a transaction block.
bool cannot_run_in_transaction(const Node& statement, int pg_version);

// Decides, statement by statement, whether a section runs inside a
// transaction: the runner's envelope plus explicit BEGIN/COMMIT. This is
// the one place that knows how runners wrap migrations.
//
// Some envelopes depend on statements further on (a file sent as one string
// is a transaction only if it holds several), so the engine shows each
// statement to see() first and holds statements back until decided().
class TransactionTracker {
 public:
  TransactionTracker(Envelope envelope, int pg_version);

  // Takes note of the next statement (an empty Node if it did not parse).
  void see(const Node& statement);
  bool decided() const { return envelope_transaction_.has_value(); }
  // The section has no more statements: settles what is still open.
  void finish();

  // Whether the next statement runs in a transaction; call once decided,
  // once per statement, in order.
  bool enter(const Node& statement);

 private:
  Envelope envelope_;
  int pg_version_;
  std::size_t seen_ = 0;
  std::optional<bool> envelope_transaction_;
  bool explicit_block_ = false;
};

}  // namespace miglint
