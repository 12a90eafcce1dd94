#include "support/added_constraints.hpp"

namespace miglint::rules {

std::vector<AddedConstraint> added_constraints(const Node& command, std::string_view contype) {
  std::vector<AddedConstraint> found;
  std::string_view subtype = command.str("subtype");
  Node definition = command.child("def");
  if (subtype == "AT_AddConstraint" && definition.str("contype") == contype) found.push_back({definition, {}});
  if (subtype == "AT_AddColumn")
    for (Node constraint : definition.list("constraints"))
      if (constraint.str("contype") == contype) found.push_back({constraint, definition});
  return found;
}

std::string add_clause(const Node& constraint, std::string_view type) {
  std::string_view name = constraint.str("conname");
  std::string named = name.empty() ? std::string() : "CONSTRAINT \"" + std::string(name) + "\" ";
  return "ADD " + named + std::string(type);
}

}  // namespace miglint::rules
