#pragma once

#include <miglint/node.hpp>

#include <optional>
#include <string>
#include <string_view>
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
  // ... and created empty (not by CREATE TABLE AS).
  bool is_new_empty_table(const RelationName& table) const {
    return is_new_table(table) && !contains(new_filled_tables_, table);
  }
  bool is_new_table(const Node& range_var) const { return is_new_table(RelationName::of(range_var)); }
  bool is_new_index(const RelationName& index) const { return contains(new_indexes_, index); }
  bool has_validated_constraint(const RelationName& table, std::string_view name) const;

  const std::optional<std::string>& lock_timeout() const { return lock_timeout_; }
  const std::optional<std::string>& statement_timeout() const { return statement_timeout_; }

  void record_new_table(RelationName table) { new_tables_.push_back(std::move(table)); }
  void record_new_filled_table(RelationName table) {
    new_filled_tables_.push_back(table);
    new_tables_.push_back(std::move(table));
  }
  void record_new_index(RelationName index) { new_indexes_.push_back(std::move(index)); }
  void record_validated_constraint(RelationName table, std::string name);
  void record_lock_timeout(std::string value) { lock_timeout_ = std::move(value); }
  void record_statement_timeout(std::string value) { statement_timeout_ = std::move(value); }

 private:
  struct Constraint {
    RelationName table;
    std::string name;
  };
  static bool contains(const std::vector<RelationName>& names, const RelationName& name);

  int pg_version_;
  std::vector<RelationName> new_tables_;
  std::vector<RelationName> new_filled_tables_;
  std::vector<RelationName> new_indexes_;
  std::vector<Constraint> validated_constraints_;
  std::optional<std::string> lock_timeout_;
  std::optional<std::string> statement_timeout_;
};

}  // namespace miglint
