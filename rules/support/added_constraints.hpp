#pragma once

#include <miglint/node.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace miglint::rules {

// A constraint an ALTER TABLE subcommand adds: `ADD [CONSTRAINT c] ...`, or a
// constraint on the column of `ADD COLUMN` (then `column` is that ColumnDef).
struct AddedConstraint {
  Node constraint;
  Node column;
};

// The constraints of type `contype` (such as "CONSTR_FOREIGN") that an
// AlterTableCmd adds.
std::vector<AddedConstraint> added_constraints(const Node& command, std::string_view contype);

// The subcommand as a finding quotes it: `ADD CONSTRAINT "c" CHECK`, or
// `ADD CHECK` when the constraint is unnamed.
std::string add_clause(const Node& constraint, std::string_view type);

}  // namespace miglint::rules
