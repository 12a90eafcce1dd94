#include <miglint/state.hpp>

#include <algorithm>

namespace miglint {

RelationName RelationName::of(const Node& range_var) {
  return {std::string(range_var.str("schemaname")), std::string(range_var.str("relname"))};
}

bool RelationName::matches(const RelationName& other) const {
  return name == other.name && (schema.empty() || other.schema.empty() || schema == other.schema);
}

bool MigrationState::contains(const std::vector<RelationName>& names, const RelationName& name) {
  return std::any_of(names.begin(), names.end(), [&](const RelationName& known) { return known.matches(name); });
}

bool MigrationState::has_validated_constraint(const RelationName& table, std::string_view name) const {
  return std::any_of(validated_constraints_.begin(), validated_constraints_.end(),
                     [&](const Constraint& known) { return known.name == name && known.table.matches(table); });
}

void MigrationState::record_validated_constraint(RelationName table, std::string name) {
  validated_constraints_.push_back({std::move(table), std::move(name)});
}

}  // namespace miglint
