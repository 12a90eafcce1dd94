#pragma once

#include "apply/connection.hpp"

#include <miglint/state.hpp>

#include <map>
#include <string>
#include <vector>

namespace miglint::apply {

// The parts of the catalog a migration statement changes in ways that
// matter to running traffic, for the relations outside PostgreSQL's own
// schemas. Read inside the tracing session, so it sees that session's
// uncommitted changes.
struct CatalogSnapshot {
  struct Relation {
    std::string name;  // as regclass prints it: schema-qualified unless on search_path, quoted if need be
    RelationName identity;  // its schema and name, unquoted
    char kind = 'r';        // pg_class.relkind
    std::string filenode;
  };
  struct Constraint {
    std::string table;
    std::string name;
    std::string definition;
    bool validated = true;
  };
  struct Column {
    std::string type;
    bool not_null = false;
    std::string default_expression;  // empty: none
  };

  std::map<std::string, Relation> relations;      // by oid
  std::map<std::string, Constraint> constraints;  // by oid
  std::map<std::string, Column> columns;          // by "table.column"

  static CatalogSnapshot read(Connection& connection);
  bool is_table(const std::string& oid) const;
};

// What one statement changed, from the snapshots before and after it.
struct CatalogChanges {
  std::vector<std::string> rewritten;  // relations of `before` with a new relfilenode
  // "constraint users_age_check on users added (NOT VALID)", "column users.age: integer -> bigint"
  std::vector<std::string> schema;
};

CatalogChanges changes_between(const CatalogSnapshot& before, const CatalogSnapshot& after);

}  // namespace miglint::apply
