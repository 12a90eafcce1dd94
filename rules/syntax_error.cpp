#include <miglint/context.hpp>
#include <miglint/rule.hpp>

namespace miglint::rules {

namespace {

class SyntaxError final : public Rule {
 public:
  const RuleMeta& meta() const override { return kMeta; }

  void check_unparsed(const UnparsedStatement& statement, Context& context) const override {
    using Cause = UnparsedStatement::Cause;
    if (statement.cause == Cause::SyntaxError)
      context.report_unparsed("PostgreSQL cannot parse this statement: " + std::string(statement.message));
    else if (statement.cause == Cause::BinaryData)
      context.report_unparsed("this file holds a NUL byte: it is binary data, not SQL text");
    else if (statement.cause == Cause::Utf16)
      context.report_unparsed("this file is UTF-16 (it starts with a UTF-16 byte order mark): PostgreSQL and "
                              "migration runners read SQL files as UTF-8",
                              "Save the file as UTF-8, for example with iconv -f UTF-16 -t UTF-8.");
    else if (statement.cause == Cause::InvalidUtf8)
      context.report_unparsed("this statement is not valid UTF-8: a UTF8 database rejects it");
    else if (statement.cause == Cause::NestedTooDeeply)
      context.report_unparsed("this statement nests too deeply to parse: over a million tokens of nested "
                              "parentheses or chained operators with no comma between them",
                              "Split the statement, or list the values with commas (IN (...), VALUES, ARRAY[...]) "
                              "rather than chaining operators.");
    else if (statement.cause == Cause::RunnerMarker)
      context.report_unparsed(std::string(statement.message),
                              "Write each up and down marker once, and close every goose StatementBegin with a "
                              "StatementEnd.");
  }

 private:
  static constexpr RuleMeta kMeta{
      .id = "syntax-error",
      .severity = Severity::Error,
      .summary = "A statement PostgreSQL cannot parse",
      .rationale =
          "miglint parses every statement with PostgreSQL's own parser (libpg_query). A statement it "
          "rejects would fail on the server and stop the migration there, possibly half-applied when "
          "the runner does not wrap it in a transaction. The rest of the file is still checked.",
      .safe_alternative = "Fix the statement at the position shown; the message is PostgreSQL's own.",
      .bad = "CREATE TABLE users (id bigint,);",
      .good = "CREATE TABLE users (id bigint);",
      .versions = {},
  };
};

}  // namespace

const Rule& syntax_error() {
  static const SyntaxError rule;
  return rule;
}

}  // namespace miglint::rules
