#pragma once

#include <miglint/migration.hpp>
#include <miglint/node.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace miglint {

// A schema-qualified name as written; an empty schema means "unqualified".
struct RelationName {
  std::string schema;
  std::string name;

  static RelationName of(const Node& range_var);
  std::string display() const { return schema.empty() ? name : schema + "." + name; }
  // Unqualified names match any schema: the search_path is not known statically.
  bool matches(const RelationName& other) const;
};

// A column type as written: `varchar(20)` is {"varchar", {20}}. Built-in
// types carry their internal names (int4, timestamptz, bpchar).
struct ColumnType {
  std::string name;
  std::vector<std::int64_t> modifiers;
  bool array = false;

  static ColumnType of(const Node& type_name);
  bool operator==(const ColumnType&) const = default;
};

enum class LockMode;

// A table CREATE TABLE made in this migration, as the migration left it.
struct CreatedTable {
  RelationName name;
  SourceMark mark;  // its CREATE TABLE
  SectionKind section = SectionKind::Up;
  bool temporary = false;
  bool partition = false;  // PARTITION OF: it has its parent's keys
  bool has_primary_key = false;
};

// A lock taken on a table that existed before the migration, and still held
// because the transaction that took it is still open.
struct HeldLock {
  RelationName table;
  LockMode mode;
  int line = 0;  // of the statement that took it
  std::string statement;  // its kind, such as "AlterTableStmt"
};

// What the engine knows about the migration up to the statement being checked.
// It is filled by the engine's tracker from the statements already walked;
// knowledge replayed from earlier migrations would enter through the same
// recording functions before the first statement.
class MigrationState {
 public:
  explicit MigrationState(int pg_version) : pg_version_(pg_version) {}

  int pg_version() const { return pg_version_; }

  // Created earlier in this migration, so no running code uses it yet.
  bool is_new_table(const RelationName& table) const { return contains(new_tables_, table); }
  bool is_new_table(const Node& range_var) const { return is_new_table(RelationName::of(range_var)); }
  // ... and created empty (not by CREATE TABLE AS).
  bool is_new_empty_table(const RelationName& table) const {
    return is_new_table(table) && !contains(new_filled_tables_, table);
  }
  bool is_new_index(const RelationName& index) const { return table_of_index(index).has_value(); }
  // The table of an index created earlier in the migration.
  std::optional<RelationName> table_of_index(const RelationName& index) const;
  // Added to a table that existed before the migration, earlier in it.
  bool is_new_column(const RelationName& table, std::string_view column) const {
    return contains(new_columns_, table, column);
  }
  bool is_new_schema(std::string_view schema) const;
  // A domain or type the migration created: its name as written, last part only.
  bool is_new_type(std::string_view name) const;
  const std::vector<CreatedTable>& created_tables() const { return created_tables_; }
  bool is_partitioned(const RelationName& table) const { return contains(partitioned_tables_, table); }
  bool has_validated_constraint(const RelationName& table, std::string_view name) const;
  // A validated CHECK (column IS NOT NULL), which lets SET NOT NULL skip its scan on PostgreSQL 12+.
  bool has_validated_not_null_check(const RelationName& table, std::string_view column) const;
  // The type a column was given earlier in the migration, if it was.
  std::optional<ColumnType> column_type(const RelationName& table, std::string_view column) const;

  // As the migration set it; when it did not, runner_sets_lock_timeout() may say one is in force.
  const std::optional<std::string>& lock_timeout() const { return lock_timeout_; }
  bool runner_sets_lock_timeout() const { return runner_sets_lock_timeout_; }
  const std::optional<std::string>& statement_timeout() const { return statement_timeout_; }

  // The transaction the statement runs in, as far as it got before it.
  const std::vector<HeldLock>& held_locks() const { return transaction_.held_locks; }
  std::optional<int> data_change_line() const { return transaction_.data_change_line; }
  bool added_not_valid(const RelationName& table, std::string_view constraint) const;
  // ALTER TYPE ... ADD VALUE earlier in this transaction; an empty type matches any.
  bool added_enum_value(std::string_view type, std::string_view value) const;

  // Statements so far, in any transaction, that took a lock blocking reads
  // or writes (SHARE or stronger) of a table that existed before the migration.
  std::size_t blocking_lock_statements() const { return blocking_lock_statements_; }

  void record_new_table(RelationName table) { add(new_tables_, std::move(table)); }
  void record_created_table(CreatedTable table);
  void record_primary_key(const RelationName& table);
  void record_new_filled_table(RelationName table);
  void record_partitioned_table(RelationName table) { add(partitioned_tables_, std::move(table)); }
  void record_new_index(RelationName index, RelationName table);
  void record_column(const RelationName& table, std::string column, ColumnType type);
  void record_new_column(RelationName table, std::string column) { add(new_columns_, std::move(table), std::move(column)); }
  void record_new_schema(std::string schema) { new_schemas_.insert(std::move(schema)); }
  void record_new_type(std::string name) { new_types_.insert(std::move(name)); }
  // ALTER TABLE ... RENAME: what was known under the old name holds for the new one.
  void record_table_rename(const RelationName& table, std::string new_name);
  void record_column_rename(const RelationName& table, std::string_view column, std::string new_name);
  void record_validated_constraint(RelationName table, std::string name);
  void record_not_null_check(RelationName table, std::string name, std::string column);
  void record_lock_timeout(std::string value) { lock_timeout_ = std::move(value); }
  void assume_runner_lock_timeout() { runner_sets_lock_timeout_ = true; }
  void record_statement_timeout(std::string value) { statement_timeout_ = std::move(value); }

  void begin_transaction() { transaction_ = {}; }
  void record_blocking_lock_statement() { ++blocking_lock_statements_; }
  void record_held_lock(HeldLock lock);
  void record_data_change(int line) { transaction_.data_change_line = transaction_.data_change_line.value_or(line); }
  void record_not_valid(RelationName table, std::string constraint);
  void record_enum_value(std::string type, std::string value);

 private:
  // Facts about relations, filed under the relation's name (or, for a
  // column or constraint, its table's name): an unqualified name matches
  // every schema, so a lookup compares schemas only among entries of one
  // name, and a migration of many statements is not quadratic.
  template <typename Entry>
  using ByName = std::unordered_map<std::string, std::vector<Entry>>;

  struct Named {
    RelationName table;
    std::string name;
  };
  struct Column {
    RelationName table;
    std::string name;
    ColumnType type;
  };
  struct NotNullCheck {
    RelationName table;
    std::string constraint;
    std::string column;
  };
  struct Index {
    RelationName index;
    RelationName table;
  };
  struct Transaction {
    std::vector<HeldLock> held_locks;
    // Each table and mode once: a lock taken again adds nothing to what is held.
    std::unordered_set<std::string> held_keys;
    std::optional<int> data_change_line;
    ByName<Named> not_valid;
    std::vector<std::pair<std::string, std::string>> enum_values;
  };
  static bool contains(const ByName<RelationName>& names, const RelationName& name);
  static bool contains(const ByName<Named>& named, const RelationName& table, std::string_view name);
  static void add(ByName<RelationName>& names, RelationName name);
  static void add(ByName<Named>& named, RelationName table, std::string name);

  int pg_version_;
  ByName<RelationName> new_tables_;
  std::vector<CreatedTable> created_tables_;
  std::unordered_map<std::string, std::vector<std::size_t>> created_by_name_;  // into created_tables_
  ByName<RelationName> new_filled_tables_;
  ByName<RelationName> partitioned_tables_;
  ByName<Index> new_indexes_;
  ByName<Column> columns_;  // by table name; the last entry for a column wins
  ByName<Named> new_columns_;
  std::unordered_set<std::string> new_schemas_;
  std::unordered_set<std::string> new_types_;
  ByName<Named> validated_constraints_;
  ByName<NotNullCheck> not_null_checks_;  // by table name
  std::optional<std::string> lock_timeout_;
  bool runner_sets_lock_timeout_ = false;
  std::optional<std::string> statement_timeout_;
  std::size_t blocking_lock_statements_ = 0;
  Transaction transaction_;
};

}  // namespace miglint
