#include "apply/seed_rows.hpp"

namespace miglint::apply {

namespace {

// Ordinary and partitioned tables outside PostgreSQL's schemas, oldest first,
// so that a referenced table is usually filled before those referencing it.
constexpr std::string_view kTables =
    "SELECT c.oid::text, c.oid::regclass::text FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
    "WHERE c.relkind IN ('r', 'p') AND NOT c.relispartition AND n.nspname NOT IN ('pg_catalog', 'information_schema') "
    "AND n.nspname NOT LIKE 'pg\\_%' ORDER BY c.oid";

// The columns to fill: no default, identity or generated value.
constexpr std::string_view kColumnsToFill =
    "SELECT quote_ident(a.attname), format_type(a.atttypid, a.atttypmod), a.attnotnull, t.typtype, t.typcategory, "
    "t.typname FROM pg_attribute a JOIN pg_type t ON t.oid = a.atttypid "
    "WHERE a.attrelid = $1::oid AND a.attnum > 0 AND NOT a.attisdropped AND NOT a.atthasdef "
    "AND a.attidentity = '' AND a.attgenerated = '' ORDER BY a.attnum";

struct ColumnToFill {
  std::string name;
  std::string type;  // as format_type prints it, with its modifiers
  bool not_null = false;
  std::string value;  // an expression of g, the row number; empty when no generic value fits
};

// An expression of `g` that casts to `type`; the explicit cast cuts text
// to a varchar's length and numbers to a numeric's scale.
std::string value_for(const std::string& type, char typtype, char category, const std::string& typname) {
  const std::string cast = "::" + type;
  if (typtype == 'e') return "(enum_range(NULL" + cast + "))[1]";
  if (typname == "bool") return "(g % 2 = 0)";
  if (typname == "uuid") return "md5(g::text)::uuid";
  if (typname == "bytea") return "decode(md5(g::text), 'hex')";
  if (typname == "int2") return "(g % 32767)::smallint";
  switch (category) {
    case 'N': return "g" + cast;
    case 'S': return "(g::text)" + cast;
    case 'D': return "('2024-01-01'::timestamp + g * interval '1 second')" + cast;
    case 'T': return "(g * interval '1 second')" + cast;
    case 'I': return "('10.0.0.0'::inet + g)" + cast;
    case 'U':
      if (typname == "json" || typname == "jsonb") return "json_build_object('n', g)" + cast;
      return "";
    default: return "";
  }
}

std::vector<ColumnToFill> columns_to_fill(Connection& connection, const std::string& oid) {
  std::vector<ColumnToFill> columns;
  for (const Row& row : connection.run(kColumnsToFill, {oid}).rows)
    columns.push_back({*row[0], *row[1], *row[2] == "t", value_for(*row[1], row[3]->front(), row[4]->front(), *row[5])});
  return columns;
}

std::string insert_statement(const std::string& table, const std::vector<ColumnToFill>& columns, bool only_not_null,
                             long long rows) {
  std::string names, values;
  for (const ColumnToFill& column : columns) {
    if (column.value.empty() || (only_not_null && !column.not_null)) continue;
    names += (names.empty() ? "" : ", ") + column.name;
    values += (values.empty() ? "" : ", ") + column.value;
  }
  if (names.empty()) return "INSERT INTO " + table + " SELECT FROM generate_series(1, " + std::to_string(rows) + ") g";
  return "INSERT INTO " + table + " (" + names + ") SELECT " + values + " FROM generate_series(1, " +
         std::to_string(rows) + ") g";
}

}  // namespace

SeedOutcome seed_rows(Connection& connection, long long rows, std::set<std::string>& already_seeded) {
  SeedOutcome outcome;
  for (const Row& table : connection.run(kTables).rows) {
    const std::string& oid = *table[0];
    const std::string& name = *table[1];
    if (!already_seeded.insert(oid).second) continue;
    std::vector<ColumnToFill> columns = columns_to_fill(connection, oid);
    std::string last_error;
    bool inserted = false;
    for (bool only_not_null : {false, true}) {
      try {
        connection.run(insert_statement(name, columns, only_not_null, rows));
        inserted = true;
        break;
      } catch (const DatabaseError& error) {
        last_error = error.what();
      }
    }
    if (inserted)
      outcome.seeded.push_back(name + ": " + std::to_string(rows) + " rows");
    else
      outcome.skipped.push_back(name + ": " + last_error);
  }
  return outcome;
}

}  // namespace miglint::apply
