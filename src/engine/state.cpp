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

bool MigrationState::contains(const ByName<RelationName>& names, const RelationName& name) {
  auto found = names.find(name.name);
  return found != names.end() && std::any_of(found->second.begin(), found->second.end(),
                                             [&](const RelationName& known) { return known.matches(name); });
}

bool MigrationState::contains(const ByName<Named>& named, const RelationName& table, std::string_view name) {
  auto found = named.find(table.name);
  return found != named.end() && std::any_of(found->second.begin(), found->second.end(), [&](const Named& known) {
           return known.name == name && known.table.matches(table);
         });
}

// A name recorded again, schema and all, would answer no lookup differently.
void MigrationState::add(ByName<RelationName>& names, RelationName name) {
  std::vector<RelationName>& same = names[name.name];
  if (std::none_of(same.begin(), same.end(), [&](const RelationName& known) { return known.schema == name.schema; }))
    same.push_back(std::move(name));
}

void MigrationState::add(ByName<Named>& named, RelationName table, std::string name) {
  std::vector<Named>& same = named[table.name];
  if (std::none_of(same.begin(), same.end(),
                   [&](const Named& known) { return known.name == name && known.table.schema == table.schema; }))
    same.push_back({std::move(table), std::move(name)});
}

bool MigrationState::has_validated_constraint(const RelationName& table, std::string_view name) const {
  return contains(validated_constraints_, table, name);
}

bool MigrationState::has_validated_not_null_check(const RelationName& table, std::string_view column) const {
  auto found = not_null_checks_.find(table.name);
  if (found == not_null_checks_.end()) return false;
  return std::any_of(found->second.begin(), found->second.end(), [&](const NotNullCheck& check) {
    return check.column == column && check.table.matches(table) && has_validated_constraint(table, check.constraint);
  });
}

std::optional<ColumnType> MigrationState::column_type(const RelationName& table, std::string_view column) const {
  auto found = columns_.find(table.name);
  if (found == columns_.end()) return std::nullopt;
  for (auto it = found->second.rbegin(); it != found->second.rend(); ++it)
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
  add(new_tables_, table.name);
  created_by_name_[table.name.name].push_back(created_tables_.size());
  created_tables_.push_back(std::move(table));
}

void MigrationState::record_primary_key(const RelationName& table) {
  auto found = created_by_name_.find(table.name);
  if (found == created_by_name_.end()) return;
  for (std::size_t at : found->second)
    if (created_tables_[at].name.matches(table)) created_tables_[at].has_primary_key = true;
}

std::optional<RelationName> MigrationState::table_of_index(const RelationName& index) const {
  auto found = new_indexes_.find(index.name);
  if (found == new_indexes_.end()) return std::nullopt;
  for (const Index& known : found->second)
    if (known.index.matches(index)) return known.table;
  return std::nullopt;
}

// The first index of a name and schema is the one lookups find.
void MigrationState::record_new_index(RelationName index, RelationName table) {
  std::vector<Index>& same = new_indexes_[index.name];
  if (std::none_of(same.begin(), same.end(), [&](const Index& known) { return known.index.schema == index.schema; }))
    same.push_back({std::move(index), std::move(table)});
}

bool MigrationState::is_new_type(std::string_view name) const { return new_types_.contains(std::string(name)); }

bool MigrationState::is_new_schema(std::string_view schema) const { return new_schemas_.contains(std::string(schema)); }

void MigrationState::record_table_rename(const RelationName& table, std::string new_name) {
  RelationName renamed{table.schema, std::move(new_name)};
  if (is_new_table(table)) add(new_tables_, renamed);
  if (auto found = created_by_name_.find(table.name); found != created_by_name_.end()) {
    std::vector<std::size_t> moved;
    std::erase_if(found->second, [&](std::size_t at) {
      if (!created_tables_[at].name.matches(table)) return false;
      created_tables_[at].name = renamed;
      moved.push_back(at);
      return true;
    });
    for (std::size_t at : moved) created_by_name_[renamed.name].push_back(at);
  }
  if (contains(new_filled_tables_, table)) add(new_filled_tables_, renamed);
  if (is_partitioned(table)) add(partitioned_tables_, renamed);
  std::vector<Column> carried;
  if (auto found = columns_.find(table.name); found != columns_.end())
    for (const Column& column : found->second)
      if (column.table.matches(table)) carried.push_back({renamed, column.name, column.type});
  for (Column& column : carried) record_column(column.table, std::move(column.name), std::move(column.type));
}

void MigrationState::record_column_rename(const RelationName& table, std::string_view column, std::string new_name) {
  if (std::optional<ColumnType> type = column_type(table, column)) record_column(table, new_name, *type);
  if (is_new_column(table, column)) add(new_columns_, table, std::move(new_name));
}

void MigrationState::record_new_filled_table(RelationName table) {
  add(new_filled_tables_, table);
  add(new_tables_, std::move(table));
}

// An older entry for the same column of the same table can never be the
// last match again: dropping it keeps each table's list to its columns.
void MigrationState::record_column(const RelationName& table, std::string column, ColumnType type) {
  std::vector<Column>& same = columns_[table.name];
  std::erase_if(same, [&](const Column& known) { return known.name == column && known.table.schema == table.schema; });
  same.push_back({table, std::move(column), std::move(type)});
}

void MigrationState::record_validated_constraint(RelationName table, std::string name) {
  add(validated_constraints_, std::move(table), std::move(name));
}

void MigrationState::record_not_null_check(RelationName table, std::string name, std::string column) {
  std::vector<NotNullCheck>& same = not_null_checks_[table.name];
  bool known = std::any_of(same.begin(), same.end(), [&](const NotNullCheck& check) {
    return check.table.schema == table.schema && check.constraint == name && check.column == column;
  });
  if (!known) same.push_back({std::move(table), std::move(name), std::move(column)});
}

void MigrationState::record_held_lock(HeldLock lock) {
  std::string key = lock.table.schema + '\0' + lock.table.name + '\0' + std::to_string(static_cast<int>(lock.mode));
  if (transaction_.held_keys.insert(std::move(key)).second) transaction_.held_locks.push_back(std::move(lock));
}

void MigrationState::record_not_valid(RelationName table, std::string constraint) {
  add(transaction_.not_valid, std::move(table), std::move(constraint));
}

void MigrationState::record_enum_value(std::string type, std::string value) {
  transaction_.enum_values.emplace_back(std::move(type), std::move(value));
}

}  // namespace miglint
