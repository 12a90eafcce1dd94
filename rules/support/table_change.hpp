#pragma once

#include <miglint/context.hpp>
#include <miglint/locks.hpp>
#include <miglint/state.hpp>

#include <optional>
#include <string>

namespace miglint::rules {

// The table an ALTER TABLE subcommand changes, when running code may use it:
// nothing for ALTER TYPE, VIEW or INDEX, nor for a table created earlier in
// the migration.
std::optional<RelationName> existing_altered_table(const Context& context);

struct AddedColumn {
  RelationName table;
  Node column;  // the ColumnDef
};

// The column an ALTER TABLE ... ADD COLUMN subcommand adds to a table that
// running code may use; nothing for any other subcommand.
std::optional<AddedColumn> column_added_to_existing_table(const Node& command, const Context& context);

// `an ACCESS EXCLUSIVE lock, which blocks reads and writes`
std::string lock_phrase(LockMode mode);

}  // namespace miglint::rules
