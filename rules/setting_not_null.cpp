#include "support/table_change.hpp"

#include <miglint/context.hpp>
#include <miglint/rule.hpp>

#include <array>

namespace miglint::rules {

namespace {

// The safe sequence differs by version: the validated CHECK lets SET NOT NULL
// skip its scan from PostgreSQL 12, and 18 can add NOT NULL itself NOT VALID.
std::string help_for(int pg_version) {
  if (pg_version < 12)
    return "Before PostgreSQL 12, SET NOT NULL always scans. Enforce the rule with ADD CONSTRAINT c CHECK (col "
           "IS NOT NULL) NOT VALID, then VALIDATE CONSTRAINT c in its own transaction (SHARE UPDATE EXCLUSIVE: "
           "reads and writes continue), and keep the CHECK instead of NOT NULL until you run PostgreSQL 12.";
  std::string steps =
      "ADD CONSTRAINT c CHECK (col IS NOT NULL) NOT VALID; VALIDATE CONSTRAINT c in its own transaction (SHARE "
      "UPDATE EXCLUSIVE: reads and writes continue); then ALTER COLUMN col SET NOT NULL, which finds the "
      "validated CHECK and skips the scan; then DROP CONSTRAINT c.";
  if (pg_version < 18) return steps;
  return steps + " On PostgreSQL 18 you can instead ADD CONSTRAINT c NOT NULL col NOT VALID, then VALIDATE "
                 "CONSTRAINT c.";
}

class SettingNotNull final : public Rule {
 public:
  const RuleMeta& meta() const override { return kMeta; }
  std::span<const std::string_view> node_kinds() const override { return kKinds; }

  void check(const Node& command, Context& context) const override {
    if (command.str("subtype") != "AT_SetNotNull") return;
    std::optional<RelationName> table = existing_altered_table(context);
    if (!table) return;
    std::string_view column = command.str("name");
    const MigrationState& state = context.state();
    if (state.pg_version() >= 12 && state.has_validated_not_null_check(*table, column)) return;
    context.report(command,
                   "ALTER COLUMN \"" + std::string(column) + "\" SET NOT NULL on existing table \"" +
                       table->display() + "\" scans the whole table (no rewrite) under " +
                       lock_phrase(LockMode::AccessExclusive) + " for the whole scan",
                   help_for(state.pg_version()));
  }

 private:
  static constexpr std::array<std::string_view, 1> kKinds{"AlterTableCmd"};
  static constexpr RuleMeta kMeta{
      .id = "setting-not-null",
      .severity = Severity::Error,
      .summary = "ALTER COLUMN ... SET NOT NULL scans the whole table under an ACCESS EXCLUSIVE lock",
      .rationale =
          "SET NOT NULL takes an ACCESS EXCLUSIVE lock and reads every row to prove that none is NULL. The "
          "table is not rewritten, but on a large table the scan lasts minutes, and every read and write "
          "waits for it. From PostgreSQL 12 the scan is skipped when a validated CHECK (col IS NOT NULL) "
          "constraint already proves it, and VALIDATE CONSTRAINT only takes a SHARE UPDATE EXCLUSIVE lock. "
          "Tables created earlier in the same migration are exempt.",
      .safe_alternative =
          "ADD CONSTRAINT c CHECK (col IS NOT NULL) NOT VALID; VALIDATE CONSTRAINT c in its own transaction "
          "(SHARE UPDATE EXCLUSIVE: reads and writes continue); then ALTER COLUMN col SET NOT NULL, which "
          "skips the scan on PostgreSQL 12+; then DROP CONSTRAINT c. On PostgreSQL 18, ADD CONSTRAINT c NOT "
          "NULL col NOT VALID and VALIDATE CONSTRAINT c do the same.",
      .bad = "ALTER TABLE users ALTER COLUMN email SET NOT NULL;",
      .good = "ALTER TABLE users ADD CONSTRAINT users_email_not_null CHECK (email IS NOT NULL) NOT VALID;\n"
              "ALTER TABLE users VALIDATE CONSTRAINT users_email_not_null;\n"
              "ALTER TABLE users ALTER COLUMN email SET NOT NULL;\n"
              "ALTER TABLE users DROP CONSTRAINT users_email_not_null;",
      .versions = {},
      .lock = {LockMode::AccessExclusive, TableEffect::Scan, "users"},
  };
};

}  // namespace

const Rule& setting_not_null() {
  static const SettingNotNull rule;
  return rule;
}

}  // namespace miglint::rules
