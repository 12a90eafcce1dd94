#include "support/quoted.hpp"
#include "support/table_change.hpp"

#include <miglint/context.hpp>
#include <miglint/rule.hpp>

#include <array>
#include <optional>
#include <string>

namespace miglint::rules {

namespace {

class RequireConcurrentDetach final : public Rule {
 public:
  const RuleMeta& meta() const override { return kMeta; }
  std::span<const std::string_view> node_kinds() const override { return kKinds; }

  // FINALIZE, which completes an interrupted concurrent detach, is a subtype of its own.
  void check(const Node& command, Context& context) const override {
    Node partition_command = command.child("def");
    if (command.str("subtype") != "AT_DetachPartition" || partition_command.flag("concurrent")) return;
    std::optional<RelationName> altered = existing_altered_table(context);
    if (!altered) return;
    const RelationName& parent = *altered;
    Node partition = partition_command.child("name");
    constexpr LockMode kLock = LockMode::AccessExclusive;
    context.report(partition, "DETACH PARTITION " + quoted(RelationName::of(partition)) +
                                  " without CONCURRENTLY takes " + std::string(to_string(kLock)) +
                                  " on the partitioned table " + quoted(parent) +
                                  " and on the partition: " + std::string(traffic_blocked(kLock)) +
                                  " of every partition of " + quoted(parent) + " are blocked until it commits");
  }

 private:
  static constexpr std::array<std::string_view, 1> kKinds{"AlterTableCmd"};
  static constexpr RuleMeta kMeta{
      .id = "require-concurrent-detach",
      .severity = Severity::Warning,
      .summary = "DETACH PARTITION without CONCURRENTLY blocks reads and writes of the whole partitioned table",
      .rationale =
          "ALTER TABLE parent DETACH PARTITION p takes an ACCESS EXCLUSIVE lock on the partitioned table as well "
          "as on the partition, so every query on any partition waits, first behind running queries and then "
          "until the transaction commits. From PostgreSQL 14, DETACH PARTITION ... CONCURRENTLY takes only SHARE "
          "UPDATE EXCLUSIVE on the parent. Partitioned tables created earlier in the same migration are exempt.",
      .safe_alternative =
          "ALTER TABLE parent DETACH PARTITION p CONCURRENTLY; in a migration that runs outside a transaction "
          "(it commits twice internally). It is refused while the parent has a DEFAULT partition. If it is "
          "interrupted, finish it with ALTER TABLE parent DETACH PARTITION p FINALIZE.",
      .bad = "ALTER TABLE events DETACH PARTITION events_2024;",
      .good = "ALTER TABLE events DETACH PARTITION events_2024 CONCURRENTLY;",
      .versions = {14, 0},
      .lock = {LockMode::AccessExclusive, TableEffect::None, "events"},
  };
};

}  // namespace

const Rule& require_concurrent_detach() {
  static const RequireConcurrentDetach rule;
  return rule;
}

}  // namespace miglint::rules
