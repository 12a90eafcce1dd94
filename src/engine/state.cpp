#include <miglint/state.hpp>

#include <algorithm>

namespace miglint {

RelationName RelationName::of(const Node& range_var) {
  return {std::string(range_var.str("schemaname")), std::string(range_var.str("relname"))};
}

bool RelationName::matches(const RelationName& other) const {
  return name == other.name && (schema.empty() || other.schema.empty() || schema == other.schema);
}

ColumnType ColumnType::of(const Node& type_name) {
  ColumnType type;
  type.name = type_name.list("names").back().string_value();
  for (Node modifier : type_name.list("typmods")) {
    if (Node value = modifier.child("ival")) type.modifiers.push_back(value.integer("ival"));
  }
  type.array = !type_name.list("arrayBounds").empty();
  return type;
}

bool MigrationState::contains(const std::vector<RelationName>& names, const RelationName& name) {
  return std::any_of(names.begin(), names.end(), [&](const RelationName& known) { return known.matches(name); });
}

bool MigrationState::contains(const std::vector<Named>& named, const RelationName& table, std::string_view name) {
  return std::any_of(named.begin(), named.end(),
                     [&](const Named& known) { return known.name == name && known.table.matches(table); });
}

bool MigrationState::has_validated_constraint(const RelationName& table, std::string_view name) const {
  return contains(validated_constraints_, table, name);
}

bool MigrationState::has_validated_not_null_check(const RelationName& table, std::string_view column) const {
  return std::any_of(not_null_checks_.begin(), not_null_checks_.end(), [&](const NotNullCheck& check) {
    return check.column == column && check.table.matches(table) && has_validated_constraint(table, check.constraint);
  });
}

std::optional<ColumnType> MigrationState::column_type(const RelationName& table, std::string_view column) const {
  for (auto it = columns_.rbegin(); it != columns_.rend(); ++it)
    if (it->name == column && it->table.matches(table)) return it->type;
  return std::nullopt;
}

bool MigrationState::added_not_valid(const RelationName& table, std::string_view constraint) const {
  return contains(transaction_.not_valid, table, constraint);
}

bool MigrationState::added_enum_value(std::string_view type, std::string_view value) const {
  return std::any_of(transaction_.enum_values.begin(), transaction_.enum_values.end(),
                     [&](const auto& known) { return (type.empty() || known.first == type) && known.second == value; });
}

void MigrationState::record_created_table(CreatedTable table) {
  new_tables_.push_back(table.name);
  created_tables_.push_back(std::move(table));
}

void MigrationState::record_primary_key(const RelationName& table) {
  for (CreatedTable& created : created_tables_)
    if (created.name.matches(table)) created.has_primary_key = true;
}

std::optional<RelationName> MigrationState::table_of_index(const RelationName& index) const {
  for (const Index& known : new_indexes_)
    if (known.index.matches(index)) return known.table;
  return std::nullopt;
}

bool MigrationState::is_new_type(std::string_view name) const {
  return std::find(new_types_.begin(), new_types_.end(), name) != new_types_.end();
}

bool MigrationState::is_new_schema(std::string_view schema) const {
  return std::find(new_schemas_.begin(), new_schemas_.end(), schema) != new_schemas_.end();
}

void MigrationState::record_table_rename(const RelationName& table, std::string new_name) {
  RelationName renamed{table.schema, std::move(new_name)};
  if (is_new_table(table)) new_tables_.push_back(renamed);
  for (CreatedTable& created : created_tables_)
    if (created.name.matches(table)) created.name = renamed;
  if (contains(new_filled_tables_, table)) new_filled_tables_.push_back(renamed);
  if (is_partitioned(table)) partitioned_tables_.push_back(renamed);
  std::vector<Column> carried;
  for (const Column& column : columns_)
    if (column.table.matches(table)) carried.push_back({renamed, column.name, column.type});
  columns_.insert(columns_.end(), carried.begin(), carried.end());
}

void MigrationState::record_column_rename(const RelationName& table, std::string_view column, std::string new_name) {
  if (std::optional<ColumnType> type = column_type(table, column)) columns_.push_back({table, new_name, *type});
  if (is_new_column(table, column)) new_columns_.push_back({table, std::move(new_name)});
}

void MigrationState::record_new_filled_table(RelationName table) {
  new_filled_tables_.push_back(table);
  new_tables_.push_back(std::move(table));
}

void MigrationState::record_column(const RelationName& table, std::string column, ColumnType type) {
  columns_.push_back({table, std::move(column), std::move(type)});
}

void MigrationState::record_validated_constraint(RelationName table, std::string name) {
  validated_constraints_.push_back({std::move(table), std::move(name)});
}

void MigrationState::record_not_null_check(RelationName table, std::string name, std::string column) {
  not_null_checks_.push_back({std::move(table), std::move(name), std::move(column)});
}

void MigrationState::record_not_valid(RelationName table, std::string constraint) {
  transaction_.not_valid.push_back({std::move(table), std::move(constraint)});
}

void MigrationState::record_enum_value(std::string type, std::string value) {
  transaction_.enum_values.emplace_back(std::move(type), std::move(value));
}

}  // namespace miglint
