#include "apply/catalog_snapshot.hpp"

namespace miglint::apply {

namespace {

constexpr std::string_view kUserSchemas =
    "n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_toast%' "
    "AND n.nspname NOT LIKE 'pg\\_temp%'";

std::string relations_query() {
  return "SELECT c.oid, c.oid::regclass::text, n.nspname, c.relname, c.relkind, c.relfilenode FROM pg_class c "
         "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relkind IN ('r', 'p', 'm', 'i', 'I') AND " +
         std::string(kUserSchemas);
}

std::string constraints_query() {
  return "SELECT k.oid, k.conrelid::regclass::text, k.conname, pg_get_constraintdef(k.oid), k.convalidated "
         "FROM pg_constraint k JOIN pg_namespace n ON n.oid = k.connamespace WHERE k.conrelid <> 0 AND " +
         std::string(kUserSchemas);
}

std::string columns_query() {
  return "SELECT a.attrelid::regclass::text || '.' || a.attname, format_type(a.atttypid, a.atttypmod), a.attnotnull, "
         "coalesce(pg_get_expr(d.adbin, d.adrelid), '') FROM pg_attribute a "
         "JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace "
         "LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum "
         "WHERE a.attnum > 0 AND NOT a.attisdropped AND c.relkind IN ('r', 'p') AND " +
         std::string(kUserSchemas);
}

const std::string& text(const Row& row, std::size_t column) {
  static const std::string kNull;
  return row[column] ? *row[column] : kNull;
}

std::string column_description(const CatalogSnapshot::Column& column) {
  std::string description = column.type + (column.not_null ? " NOT NULL" : "");
  if (!column.default_expression.empty()) description += " DEFAULT " + column.default_expression;
  return description;
}

void compare_constraints(const CatalogSnapshot& before, const CatalogSnapshot& after, CatalogChanges& changes) {
  for (const auto& [oid, now] : after.constraints) {
    std::string subject = "constraint " + now.name + " on " + now.table;
    auto was = before.constraints.find(oid);
    if (was == before.constraints.end())
      changes.schema.push_back(subject + " added" + (now.validated ? "" : " (NOT VALID)"));
    else if (!was->second.validated && now.validated)
      changes.schema.push_back(subject + " validated");
    else if (was->second.definition != now.definition)
      changes.schema.push_back(subject + " changed: " + now.definition);
  }
  for (const auto& [oid, was] : before.constraints)
    if (!after.constraints.contains(oid)) changes.schema.push_back("constraint " + was.name + " on " + was.table + " dropped");
}

void compare_columns(const CatalogSnapshot& before, const CatalogSnapshot& after, CatalogChanges& changes) {
  for (const auto& [name, now] : after.columns) {
    auto was = before.columns.find(name);
    if (was == before.columns.end())
      changes.schema.push_back("column " + name + " added: " + column_description(now));
    else if (was->second.type != now.type || was->second.not_null != now.not_null ||
             was->second.default_expression != now.default_expression)
      changes.schema.push_back("column " + name + ": " + column_description(was->second) + " -> " +
                               column_description(now));
  }
  for (const auto& [name, was] : before.columns)
    if (!after.columns.contains(name)) changes.schema.push_back("column " + name + " dropped");
}

}  // namespace

CatalogSnapshot CatalogSnapshot::read(Connection& connection) {
  CatalogSnapshot snapshot;
  for (const Row& row : connection.run(relations_query()).rows)
    snapshot.relations[text(row, 0)] = {text(row, 1), {text(row, 2), text(row, 3)}, text(row, 4).front(), text(row, 5)};
  for (const Row& row : connection.run(constraints_query()).rows)
    snapshot.constraints[text(row, 0)] = {text(row, 1), text(row, 2), text(row, 3), text(row, 4) == "t"};
  for (const Row& row : connection.run(columns_query()).rows)
    snapshot.columns[text(row, 0)] = {text(row, 1), text(row, 2) == "t", text(row, 3)};
  return snapshot;
}

bool CatalogSnapshot::is_table(const std::string& oid) const {
  auto found = relations.find(oid);
  return found != relations.end() && (found->second.kind == 'r' || found->second.kind == 'p' || found->second.kind == 'm');
}

CatalogChanges changes_between(const CatalogSnapshot& before, const CatalogSnapshot& after) {
  CatalogChanges changes;
  for (const auto& [oid, was] : before.relations) {
    auto now = after.relations.find(oid);
    // Partitioned tables and indexes have no storage: relfilenode 0 throughout.
    if (now != after.relations.end() && was.filenode != "0" && now->second.filenode != was.filenode)
      changes.rewritten.push_back(now->second.name);
  }
  compare_constraints(before, after, changes);
  compare_columns(before, after, changes);
  return changes;
}

}  // namespace miglint::apply
