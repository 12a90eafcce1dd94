#include <miglint/context.hpp>
#include <miglint/rule.hpp>

#include <array>
#include <string>

namespace miglint::rules {

namespace {

std::string type_name(const Node& alter_enum) {
  std::string name;
  for (Node part : alter_enum.list("typeName")) {
    if (!name.empty()) name += '.';
    name += part.string_value();
  }
  return name;
}

// The type a string constant is cast to ('calm'::mood), or "" when it is not cast.
std::string_view cast_type(const Node& constant, const Context& context) {
  Node cast = context.enclosing("TypeCast");
  if (!cast || cast.child("arg").location() != constant.location()) return {};
  return cast.child("typeName").list("names").back().string_value();
}

class EnumValueInTransaction final : public Rule {
 public:
  const RuleMeta& meta() const override { return kMeta; }
  std::span<const std::string_view> node_kinds() const override { return kKinds; }

  void check(const Node& node, Context& context) const override {
    if (!context.statement().in_transaction) return;
    bool before_12 = context.state().pg_version() < 12;
    if (node.is("AlterEnumStmt") && before_12 && node.str("oldVal").empty()) {
      context.report(node, std::string("ALTER TYPE ") + type_name(node) + " ADD VALUE '" + std::string(node.str("newVal")) +
                               "' runs inside a transaction, which PostgreSQL refuses before version 12 (the "
                               "target is " + std::to_string(context.state().pg_version()) +
                               "): the migration fails here and rolls back");
    } else if (node.is("A_Const") && !before_12) {
      std::string_view value = node.child("sval").str("sval");
      // Any type first: looking for the cast walks up the tree, for every constant of a statement.
      if (value.empty() || !context.state().added_enum_value({}, value) ||
          !context.state().added_enum_value(cast_type(node, context), value))
        return;
      context.report(node, std::string("'").append(value) + "' was added to its enum by ALTER TYPE ... ADD VALUE earlier "
                           "in this transaction, and PostgreSQL refuses to use a new enum value before the "
                           "transaction that added it commits ('unsafe use of new value'): the migration fails "
                           "here and rolls back");
    }
  }

 private:
  static constexpr std::array<std::string_view, 2> kKinds{"AlterEnumStmt", "A_Const"};
  static constexpr RuleMeta kMeta{
      .id = "enum-value-in-transaction",
      .severity = Severity::Error,
      .summary = "ALTER TYPE ... ADD VALUE in a transaction before PostgreSQL 12, or its new value used in the same "
                 "transaction",
      .rationale =
          "Before PostgreSQL 12, ALTER TYPE ... ADD VALUE cannot run inside a transaction block at all. From "
          "version 12 it can, but the new value cannot be used until that transaction commits: an INSERT, "
          "UPDATE, DEFAULT or cast that uses it fails with 'unsafe use of new value', and the whole migration "
          "rolls back. Runners that wrap a migration in a transaction (goose, dbmate, Flyway, miglint) put "
          "the ADD VALUE and the statements after it in the same one.",
      .safe_alternative =
          "Add the value in a migration of its own and use it in a later one. Before PostgreSQL 12, that "
          "migration must run outside a transaction: goose `-- +goose NO TRANSACTION`, dbmate `-- migrate:up "
          "transaction:false`, Flyway `executeInTransaction=false`, miglint `-- miglint:no-transaction`, no "
          "BEGIN around it.",
      .bad = "ALTER TYPE mood ADD VALUE 'calm';\n"
             "ALTER TABLE users ADD COLUMN mood mood NOT NULL DEFAULT 'calm';",
      .good = "ALTER TYPE mood ADD VALUE 'calm';",
      .versions = {},
  };
};

}  // namespace

const Rule& enum_value_in_transaction() {
  static const EnumValueInTransaction rule;
  return rule;
}

}  // namespace miglint::rules
