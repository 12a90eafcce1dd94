#include "support/index_building_constraint.hpp"

#include "support/added_constraints.hpp"
#include "support/quoted.hpp"
#include "support/table_change.hpp"

#include <optional>
#include <string>
#include <vector>

namespace miglint::rules {

void report_index_building_constraints(const Node& command, Context& context, std::string_view contype,
                                       std::string_view keyword, std::string_view build) {
  // Most subcommands add no such constraint: leave before building the message.
  std::vector<AddedConstraint> constraints = added_constraints(command, contype);
  if (constraints.empty()) return;
  std::optional<RelationName> table = existing_altered_table(context);
  if (!table) return;
  constexpr LockMode kLock = LockMode::AccessExclusive;
  std::string hazard = " takes " + std::string(to_string(kLock)) + " on existing table " + quoted(*table) + " and " +
                       std::string(build) + ": " + std::string(traffic_blocked(kLock)) +
                       " are blocked until it finishes";
  for (const AddedConstraint& added : constraints) {
    if (added.column)
      context.report(added.constraint, "ADD COLUMN \"" + std::string(added.column.str("colname")) + "\" ... " +
                                           std::string(keyword) + hazard);
    else if (added.constraint.str("indexname").empty())
      context.report(added.constraint, add_clause(added.constraint, keyword) + hazard);
  }
}

}  // namespace miglint::rules
