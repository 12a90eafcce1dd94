#pragma once

#include <miglint/context.hpp>
#include <miglint/node.hpp>
#include <miglint/state.hpp>

#include <initializer_list>
#include <optional>
#include <string>

namespace miglint::rules {

// A column that CREATE TABLE or ALTER TABLE ... ADD COLUMN brings into a
// table, as the type hygiene rules judge it.
struct NewColumn {
  std::string name;
  RelationName table;
  ColumnType type;  // built-in types by their internal names: int4, bpchar, timestamp
};

// The column a ColumnDef node defines. Nothing for temporary and foreign
// tables, composite types, ALTER COLUMN TYPE, the column options of a
// partition, a type from a schema other than pg_catalog (a user's type may
// share a built-in's name), or a down section: it restores columns as they
// were, so advice on how to design them comes too late there.
std::optional<NewColumn> new_column(const Node& column_def, const Context& context);

// The same, for a column whose type (its internal name, such as int4) is one
// of `types`: the cheap test comes first, since every rule of this kind sees
// every column.
std::optional<NewColumn> new_column_of_type(const Node& column_def, const Context& context,
                                            std::initializer_list<std::string_view> types);

// `column "id" of table "users"`
std::string describe(const NewColumn& column);

// The type as users write it: `integer`, `varchar(20)`, `char(2)[]`.
std::string sql_type(const ColumnType& type);

}  // namespace miglint::rules
