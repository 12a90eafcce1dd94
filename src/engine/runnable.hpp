#pragma once

#include "layouts/plan.hpp"

#include <miglint/finding.hpp>
#include <miglint/locks.hpp>

#include <optional>
#include <string>
#include <vector>

namespace miglint {

// One statement as a runner sends it: its own text, and what the linter
// knows about it.
struct RunnableStatement {
  std::string sql;  // from its first token to its last, without the `;`
  std::string path;
  Position start;
  // PostgreSQL refuses it inside a transaction block (CREATE INDEX
  // CONCURRENTLY, VACUUM, ...): it must run in autocommit.
  bool outside_transaction = false;
  // BEGIN, COMMIT, ROLLBACK, ... written in the file. miglint apply owns the
  // transaction, so it does not send these.
  bool transaction_control = false;
  // SET / RESET: runs either way.
  bool setting = false;
  std::vector<TableLock> locks;  // from the rules' lock table
  // CREATE INDEX CONCURRENTLY: the index it builds, which a failed build
  // leaves behind INVALID.
  std::optional<RelationName> concurrent_index;
};

// A part of a migration that does not parse cannot be run.
struct UnrunnableStatement {
  std::string path;
  Position start;
  std::string message;
};

struct RunnableSection {
  bool present = false;  // the layout or the file has such a part
  std::vector<RunnableStatement> statements;
  std::vector<UnrunnableStatement> unrunnable;

  // Whether miglint apply runs it in one transaction: unless every
  // statement must run in autocommit (SET and RESET aside).
  bool transactional() const;
  // Statements that must run in autocommit next to ones that need not:
  // such a part cannot be run safely either way.
  bool mixes_transaction_modes() const;
};

struct RunnableMigration {
  RunnableSection up;
  RunnableSection down;
  std::vector<std::string> errors;  // files that could not be read
};

// Reads a migration's files and cuts them into statements, following the
// layout's markers. Placeholders are not replaced: what runs is the file.
RunnableMigration runnable_migration(const MigrationPlan& plan, int pg_version);

}  // namespace miglint
