#include "support/new_column.hpp"

#include <miglint/context.hpp>
#include <miglint/locks.hpp>
#include <miglint/rule.hpp>

#include <array>

namespace miglint::rules {

namespace {

class PreferTimestamptz final : public Rule {
 public:
  const RuleMeta& meta() const override { return kMeta; }
  std::span<const std::string_view> node_kinds() const override { return kKinds; }

  void check(const Node& column_def, Context& context) const override {
    std::optional<NewColumn> column = new_column_of_type(column_def, context, {"timestamp"});
    if (!column || column->type.name != "timestamp") return;
    context.report(column_def, describe(*column) + " is " + sql_type(column->type) +
                                   " without time zone: it stores wall-clock readings with no zone, so values "
                                   "written under different TimeZone settings do not compare; converting it "
                                   "to timestamptz later rewrites the table and its indexes under an " +
                                   std::string(to_string(LockMode::AccessExclusive)) + " lock, which blocks " +
                                   std::string(traffic_blocked(LockMode::AccessExclusive)) +
                                   " (unless the session TimeZone is UTC, on PostgreSQL 12 and later)");
  }

 private:
  static constexpr std::array<std::string_view, 1> kKinds{"ColumnDef"};
  static constexpr RuleMeta kMeta{
      .id = "prefer-timestamptz",
      .severity = Severity::Warning,
      .summary = "timestamp without time zone in a new column",
      .rationale =
          "timestamp keeps the date and time as written and forgets the zone. now() and other timestamptz "
          "values are converted with the session's TimeZone when stored, so two servers, or a client that "
          "sets its own zone, write different instants as the same value, and daylight-saving changes make "
          "some readings ambiguous. timestamptz stores an instant (UTC internally) in the same 8 bytes and "
          "shows it in the reader's zone. Converting a timestamp column later is ALTER COLUMN TYPE "
          "timestamptz: a rewrite of the table and all its indexes under an ACCESS EXCLUSIVE lock, which "
          "blocks reads and writes; only with the session TimeZone set to UTC does PostgreSQL 12 or later "
          "skip the rewrite."
          " Columns that a down section adds back are exempt: it restores the earlier schema.",
      .safe_alternative =
          "Declare the column timestamptz (timestamp with time zone): created_at timestamptz NOT NULL DEFAULT "
          "now(). To convert an existing column without a rewrite on PostgreSQL 12+, when its values are UTC: "
          "SET lock_timeout = '2s'; SET TimeZone = 'UTC'; ALTER TABLE t ALTER COLUMN c TYPE timestamptz; in its "
          "own transaction. Otherwise expand and contract: a new timestamptz column, written by both code "
          "versions, backfilled in batches, then swapped.",
      .bad = "ALTER TABLE users ADD COLUMN last_seen_at timestamp;",
      .good = "ALTER TABLE users ADD COLUMN last_seen_at timestamptz;",
  };
};

}  // namespace

const Rule& prefer_timestamptz() {
  static const PreferTimestamptz rule;
  return rule;
}

}  // namespace miglint::rules
