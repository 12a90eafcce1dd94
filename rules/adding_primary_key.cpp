#include "support/index_building_constraint.hpp"

#include <miglint/context.hpp>
#include <miglint/rule.hpp>

#include <array>

namespace miglint::rules {

namespace {

class AddingPrimaryKey final : public Rule {
 public:
  const RuleMeta& meta() const override { return kMeta; }
  std::span<const std::string_view> node_kinds() const override { return kKinds; }

  void check(const Node& command, Context& context) const override {
    report_index_building_constraints(command, context, "CONSTR_PRIMARY", "PRIMARY KEY",
                                      "builds the key's unique index by scanning the whole table under it (after a scan that makes "
                                      "nullable key columns NOT NULL)");
  }

 private:
  static constexpr std::array<std::string_view, 1> kKinds{"AlterTableCmd"};
  static constexpr RuleMeta kMeta{
      .id = "adding-primary-key",
      .severity = Severity::Error,
      .summary = "Adding a PRIMARY KEY to an existing table builds its index while blocking reads and writes",
      .rationale =
          "ALTER TABLE ... ADD PRIMARY KEY (and ADD COLUMN ... PRIMARY KEY) builds a unique index while holding "
          "an ACCESS EXCLUSIVE lock on the table (plus SHARE for the build), and first scans the table to make "
          "nullable key columns NOT NULL. Until both finish and the transaction commits, every read and write of "
          "the table waits. A table created earlier in the same migration is empty, so it is exempt.",
      .safe_alternative =
          "1. CREATE UNIQUE INDEX CONCURRENTLY t_pkey ON t (id); in a migration that runs outside a transaction "
          "(reads and writes continue; if it fails, drop the INVALID index and retry) "
          "2. Make the key columns NOT NULL without a long lock: ADD CONSTRAINT t_id_not_null CHECK (id IS NOT "
          "NULL) NOT VALID; VALIDATE CONSTRAINT t_id_not_null; in another transaction; ALTER COLUMN id SET NOT "
          "NULL (no scan on PostgreSQL 12+); DROP CONSTRAINT t_id_not_null "
          "3. ALTER TABLE t ADD CONSTRAINT t_pkey PRIMARY KEY USING INDEX t_pkey; (brief ACCESS EXCLUSIVE, no "
          "build).",
      .bad = "ALTER TABLE events_2025 ADD PRIMARY KEY (id);",
      .good =
          "-- after CREATE UNIQUE INDEX CONCURRENTLY events_2025_pkey ON events_2025 (id); in a migration of its "
          "own, and once id is NOT NULL:\n"
          "ALTER TABLE events_2025 ADD CONSTRAINT events_2025_pkey PRIMARY KEY USING INDEX events_2025_pkey;",
      .versions = {},
      .lock = {LockMode::AccessExclusive, TableEffect::Scan, "events_2025"},
  };
};

}  // namespace

const Rule& adding_primary_key() {
  static const AddingPrimaryKey rule;
  return rule;
}

}  // namespace miglint::rules
