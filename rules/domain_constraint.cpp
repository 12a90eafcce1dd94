#include "support/added_constraints.hpp"

#include <miglint/context.hpp>
#include <miglint/rule.hpp>

#include <array>
#include <string>

namespace miglint::rules {

namespace {

std::string domain_name(const Node& statement) {
  std::string name;
  for (Node part : statement.list("typeName")) name += (name.empty() ? "" : ".") + std::string(part.string_value());
  return name;
}

class DomainConstraint final : public Rule {
 public:
  const RuleMeta& meta() const override { return kMeta; }
  std::span<const std::string_view> node_kinds() const override { return kKinds; }

  // subtype "C" is ADD CONSTRAINT; the other ALTER DOMAIN forms have their own letters.
  void check(const Node& statement, Context& context) const override {
    Node constraint = statement.child("def");
    if (statement.str("subtype") != "C" || constraint.flag("skip_validation")) return;
    // A domain the migration created is used by no existing column yet.
    if (context.state().is_new_type(statement.list("typeName").back().string_value())) return;
    constexpr LockMode kLock = LockMode::Share;
    context.report(constraint, "ALTER DOMAIN \"" + domain_name(statement) + "\" " + add_clause(constraint, "CHECK") +
                                   " without NOT VALID scans every table with a column of this domain, holding " +
                                   std::string(to_string(kLock)) + " on each: " + std::string(traffic_blocked(kLock)) +
                                   " to those tables are blocked until every row is checked");
  }

 private:
  static constexpr std::array<std::string_view, 1> kKinds{"AlterDomainStmt"};
  static constexpr RuleMeta kMeta{
      .id = "domain-constraint",
      .severity = Severity::Warning,
      .summary = "ALTER DOMAIN ... ADD CONSTRAINT checks every column that uses the domain while blocking writes",
      .rationale =
          "Adding a constraint to a domain checks every existing value of every column declared with that "
          "domain, in every table. Each of those tables is locked SHARE and scanned, so INSERT, UPDATE and "
          "DELETE on all of them wait until the last row is checked and the transaction commits. How many "
          "tables that is cannot be seen from the migration. NOT VALID skips the check, so the constraint "
          "takes effect at once and the check can wait for a quiet moment.",
      .safe_alternative =
          "1. ALTER DOMAIN d ADD CONSTRAINT d_check CHECK (...) NOT VALID; (no scan; new values are checked from "
          "now on) "
          "2. ALTER DOMAIN d VALIDATE CONSTRAINT d_check; in a transaction of its own, with SET lock_timeout, at a "
          "quiet time: it still holds SHARE on each table while it scans (measured on PostgreSQL 15), but nothing "
          "else. Where the tables are large, check the columns instead: ALTER TABLE t ADD CONSTRAINT t_c_check "
          "CHECK (...) NOT VALID, then VALIDATE CONSTRAINT t_c_check (SHARE UPDATE EXCLUSIVE: writes continue).",
      .bad = "ALTER DOMAIN positive_int ADD CONSTRAINT positive_int_check CHECK (VALUE > 0);",
      .good = "ALTER DOMAIN positive_int ADD CONSTRAINT positive_int_check CHECK (VALUE > 0) NOT VALID;",
      .versions = {},
  };
};

}  // namespace

const Rule& domain_constraint() {
  static const DomainConstraint rule;
  return rule;
}

}  // namespace miglint::rules
