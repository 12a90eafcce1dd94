#pragma once

#include "apply/connection.hpp"

#include <compare>
#include <map>
#include <string>
#include <utility>
#include <vector>

namespace miglint::apply {

struct SchemaObjectKey {
  std::string kind;  // "column", "index", "enum value"
  std::string name;  // "users.phone", "idx_users_email", "mood.'meh'"; schema-qualified outside public
  auto operator<=>(const SchemaObjectKey&) const = default;
};

struct SchemaObject {
  // In a fixed order per kind: ("type", "character varying(20)"), ("nullability", "NOT NULL"), ...
  std::vector<std::pair<std::string, std::string>> attributes;
  // What to say of the object in one line, "character varying(20)"; empty when its name says enough.
  std::string summary;
  bool operator==(const SchemaObject& other) const { return attributes == other.attributes; }
};

// Schemas, extensions, tables, columns, constraints, indexes, sequences,
// views, materialized views, functions, procedures, aggregates, types, enum
// values, triggers and policies outside the system schemas, read from the
// catalogs. Nothing in it depends on OIDs or on the order objects were
// created in, so equal schemas give equal snapshots. Extension members are
// left out: the extension stands for them.
using SchemaSnapshot = std::map<SchemaObjectKey, SchemaObject>;

SchemaSnapshot take_schema_snapshot(Connection& connection);

struct AttributeChange {
  std::string attribute;
  std::string before;
  std::string after;
};

struct SchemaDifference {
  enum class Change { Added, Removed, Altered };
  Change change = Change::Added;
  SchemaObjectKey object;
  std::string summary;                   // of the object added or removed
  std::vector<AttributeChange> changes;  // Altered only
};

// Objects only in `after`, only in `before`, and in both but different, in name order.
std::vector<SchemaDifference> compare_snapshots(const SchemaSnapshot& before, const SchemaSnapshot& after);

}  // namespace miglint::apply
