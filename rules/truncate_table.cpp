#include "support/quoted.hpp"
#include "support/statement_locks.hpp"

#include <miglint/context.hpp>
#include <miglint/rule.hpp>

#include <array>
#include <string>

namespace miglint::rules {

namespace {

class TruncateTable final : public Rule {
 public:
  const RuleMeta& meta() const override { return kMeta; }
  std::span<const std::string_view> node_kinds() const override { return kKinds; }

  void check(const Node& truncate, Context& context) const override {
    std::string tables;
    int existing = 0;
    for (Node relation : truncate.list("relations")) {
      if (context.state().is_new_table(relation)) continue;
      tables += (existing++ == 0 ? "" : ", ") + quoted(RelationName::of(relation));
    }
    if (existing == 0) return;
    std::string message = "TRUNCATE empties existing table" + std::string(existing > 1 ? "s " : " ") + tables +
                          ": every row is gone for the code that uses it, and the ACCESS EXCLUSIVE lock it takes "
                          "blocks reads and writes until the transaction commits (the table gets a new, empty "
                          "file, like a rewrite)";
    if (truncate.str("behavior") == "DROP_CASCADE")
      message += "; CASCADE also empties every table whose foreign keys reference " +
                 std::string(existing > 1 ? "them" : "it") + ", and their referencing tables in turn, under the "
                 "same lock, whichever tables those are when it runs";
    context.report(truncate, message);
  }

 private:
  static constexpr std::array<std::string_view, 1> kKinds{"TruncateStmt"};
  static constexpr RuleMeta kMeta{
      .id = "truncate-table",
      .severity = Severity::Warning,
      .summary = "TRUNCATE empties an existing table under an ACCESS EXCLUSIVE lock",
      .rationale =
          "TRUNCATE removes every row at once: code from the running release that still reads the table "
          "finds it empty. It takes an ACCESS EXCLUSIVE "
          "lock, which blocks reads and writes until the transaction commits and, while it waits for running "
          "queries, queues all other traffic behind it; the table and its indexes get new, empty files. With "
          "CASCADE it also empties every table that references it through a foreign key, recursively, "
          "whichever tables those are at the time. Tables created earlier in the same migration are exempt.",
      .safe_alternative =
          "Delete the rows in batches, each in its own transaction (DELETE FROM t WHERE id IN (SELECT id FROM "
          "t ... LIMIT 5000), repeated), after the code no longer needs them. If the table must be emptied at "
          "once, do it in a migration of its own with SET lock_timeout, and name every table to empty instead "
          "of CASCADE.",
      .bad = "TRUNCATE users;",
      .good = "DELETE FROM users WHERE id IN (SELECT id FROM users WHERE deleted_at IS NOT NULL LIMIT 5000);",
      .versions = {},
      .lock = {LockMode::AccessExclusive, TableEffect::Rewrite, "users"},
  };
};

}  // namespace

const Rule& truncate_table() {
  static const TruncateTable rule;
  return rule;
}

}  // namespace miglint::rules
