#include <miglint/context.hpp>
#include <miglint/rule.hpp>

namespace miglint::rules {

namespace {

class PsqlMetaCommand final : public Rule {
 public:
  const RuleMeta& meta() const override { return kMeta; }

  void check_unparsed(const UnparsedStatement& statement, Context& context) const override {
    if (statement.cause != UnparsedStatement::Cause::PsqlMetaCommand) return;
    context.report_unparsed("psql meta-command `" + std::string(statement.excerpt) +
                            "` is not SQL: only psql can run this file, and miglint does not check the command");
  }

 private:
  static constexpr RuleMeta kMeta{
      .id = "psql-meta-command",
      .severity = Severity::Warning,
      .summary = "A psql meta-command (\\set, \\i, ...) in a migration",
      .rationale =
          "Backslash commands are read by psql, not by the PostgreSQL server. A runner that sends the file "
          "to the server (golang-migrate, goose, Flyway, dbmate, Prisma) fails with a syntax error at the "
          "backslash, and miglint cannot check what an included file (\\i) does.",
      .safe_alternative =
          "Write the migration in plain SQL: use SET for settings and inline included files. Keep meta-"
          "commands only in scripts that are always run by psql, and silence this rule for them.",
      .bad = "\\set ON_ERROR_STOP on\nCREATE TABLE users (id bigint);\n",
      .good = "SET lock_timeout = '5s';\nCREATE TABLE users (id bigint);\n",
      .versions = {},
  };
};

}  // namespace

const Rule& psql_meta_command() {
  static const PsqlMetaCommand rule;
  return rule;
}

}  // namespace miglint::rules
