#pragma once

#include <miglint/migration.hpp>
#include <miglint/node.hpp>

#include <vector>

namespace miglint {

// PostgreSQL refuses these inside a transaction block.
bool cannot_run_in_transaction(const Node& statement, int pg_version);

// Decides, statement by statement, whether a section runs inside a
// transaction: the runner's envelope plus explicit BEGIN/COMMIT. This is
// the one place that knows how runners wrap migrations.
class TransactionTracker {
 public:
  // `statements` are the section's statement roots (an empty Node for a
  // statement that did not parse).
  TransactionTracker(Envelope envelope, const std::vector<Node>& statements, int pg_version);

  // Whether the next statement runs in a transaction; call once per statement, in order.
  bool enter(const Node& statement);

 private:
  bool envelope_transaction_;
  bool explicit_block_ = false;
};

}  // namespace miglint
