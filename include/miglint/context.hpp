#pragma once

#include <miglint/migration.hpp>
#include <miglint/node.hpp>
#include <miglint/state.hpp>

#include <string>
#include <string_view>

namespace miglint {

namespace detail {
struct Walk;
}

// The statement being checked, as a rule sees it.
struct StatementFacts {
  SectionKind section = SectionKind::Up;
  bool in_transaction = false;  // the runner's envelope plus explicit BEGIN/COMMIT
  Node root;                    // the statement node (e.g. the IndexStmt)
};

// The engine's side of a rule call: what is known, and where findings go.
class Context {
 public:
  explicit Context(detail::Walk& walk) : walk_(walk) {}

  const MigrationState& state() const;
  const StatementFacts& statement() const;

  // The nearest enclosing node of the given kind, or an empty Node.
  Node enclosing(std::string_view kind) const;

  // Reports the rule's finding starting at `at` (or at the statement when
  // `at` has no location). `help` defaults to the rule's safe alternative.
  void report(const Node& at, std::string message);
  void report(const Node& at, std::string message, std::string help);

  // For check_unparsed(): a finding at the position PostgreSQL's error names.
  void report_unparsed(std::string message);
  // For check_migration(): a finding about the migration as a whole.
  void report_migration(std::string message);

 private:
  detail::Walk& walk_;
};

}  // namespace miglint
