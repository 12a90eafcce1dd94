#pragma once

#include <miglint/locks.hpp>
#include <miglint/migration.hpp>
#include <miglint/node.hpp>
#include <miglint/state.hpp>

#include <span>
#include <string>
#include <string_view>

namespace miglint {

namespace detail {
struct Walk;
}

// The statement being checked, as a rule sees it.
struct StatementFacts {
  SectionKind section = SectionKind::Up;
  bool in_transaction = false;        // the runner's envelope plus explicit BEGIN/COMMIT
  bool runner_transaction = false;    // inside the transaction the runner opened around the section
  bool explicit_transaction = false;  // inside a BEGIN of the migration's own, opened before this statement
  int transaction = 0;                // which transaction of the migration, from 1; 0 when none
  bool inside_do_block = false;       // static SQL of a DO block
  Node root;                          // the statement node (e.g. the IndexStmt)
  std::span<const TableLock> locks;   // the table locks it takes
};

// The engine's side of a rule call: what is known, and where findings go.
class Context {
 public:
  explicit Context(detail::Walk& walk) : walk_(walk) {}

  const MigrationState& state() const;
  const StatementFacts& statement() const;

  // The nearest enclosing node of the given kind, or an empty Node.
  Node enclosing(std::string_view kind) const;

  // The token at `at`'s location as the file writes it: a name with its
  // quotes and its full length, before the parser shortens it. Empty when
  // the node has no location. It costs a scan of the statement: ask only
  // when the tree says it matters.
  std::string_view written_token(const Node& at);

  // Reports the rule's finding starting at `at` (or at the statement when
  // `at` has no location). `help` defaults to the rule's safe alternative.
  void report(const Node& at, std::string message);
  void report(const Node& at, std::string message, std::string help);

  // For check_unparsed(): a finding at the position PostgreSQL's error names.
  void report_unparsed(std::string message);
  void report_unparsed(std::string message, std::string help);
  // For check_migration(): a finding about the migration as a whole, or at
  // one of the places MigrationFacts points to.
  void report_migration(std::string message);
  void report_at(const SourceMark& mark, std::string message);

 private:
  detail::Walk& walk_;
};

}  // namespace miglint
