#pragma once

#include <miglint/locks.hpp>
#include <miglint/migration.hpp>
#include <miglint/node.hpp>
#include <miglint/severity.hpp>

#include <memory>
#include <span>
#include <string_view>
#include <vector>

namespace miglint {

class Context;
struct StatementFacts;

// PostgreSQL major versions a rule applies to; 0 leaves that end open.
struct PgVersions {
  int first = 0;
  int last = 0;
  bool contains(int major) const { return (first == 0 || major >= first) && (last == 0 || major <= last); }
};

// Every user-visible word about a rule: the tty help, JSON, `miglint explain`
// and docs/rules.md are all generated from this.
struct RuleMeta {
  std::string_view id;
  Severity severity = Severity::Warning;
  std::string_view summary;           // one line
  std::string_view rationale;         // the lock it takes and what breaks
  std::string_view safe_alternative;  // the safe sequence, shown as `help:`
  std::string_view bad;               // SQL that fires the rule
  std::string_view good;              // SQL that does the same job safely
  PgVersions versions;                // target versions the rule runs for
  LockClaim lock;                     // the lock `bad` takes, when the rule is about one
  bool enabled_by_default = true;
};

// A statement the engine could not turn into a tree, and why.
struct UnparsedStatement {
  enum class Cause {
    SyntaxError,
    BinaryData,
    Utf16,            // a UTF-16 byte order mark starts the file
    InvalidUtf8,
    NestedTooDeeply,  // more levels than the parser's stack holds
    RunnerMarker,     // a marker its runner rejects; `message` says why
    PsqlMetaCommand,
    TemplatePlaceholder,
    DynamicSql
  };
  Cause cause = Cause::SyntaxError;
  std::string_view message;  // PostgreSQL's error message for syntax errors, the runner's problem for markers
  std::string_view excerpt;  // the meta-command, placeholder or EXECUTE expression as written
};

// A `-- miglint-ignore` or `-- miglint-ignore-file` comment, once every
// finding of the migration has been matched against it.
struct SuppressionFacts {
  std::vector<std::string_view> rules;    // the registered rule ids it names
  std::vector<std::string_view> unknown;  // ids that name no rule
  bool has_reason = false;                // `-- <reason>` after the ids
  bool whole_file = false;                // miglint-ignore-file
  std::size_t silenced = 0;               // findings it kept from the report
  SourceMark mark;                        // the comment
};

// A rule is stateless: everything it needs to remember about the migration
// lives in the MigrationState the engine hands it through Context.
class Rule {
 public:
  virtual ~Rule() = default;
  virtual const RuleMeta& meta() const = 0;

  // Called once per parsed statement, before its nodes, for rules that judge
  // a statement as a whole (its locks, its transaction) rather than a node.
  virtual void check_statement(const StatementFacts& statement, Context& context) const {
    (void)statement;
    (void)context;
  }

  // Node kinds whose nodes the engine passes to check(), e.g. "IndexStmt".
  virtual std::span<const std::string_view> node_kinds() const { return {}; }
  virtual void check(const Node& node, Context& context) const {
    (void)node;
    (void)context;
  }
  // Called for a statement libpg_query could not parse.
  virtual void check_unparsed(const UnparsedStatement& statement, Context& context) const {
    (void)statement;
    (void)context;
  }
  // Called for each suppression comment after the migration's findings were matched against it.
  virtual void check_suppression(const SuppressionFacts& suppression, Context& context) const {
    (void)suppression;
    (void)context;
  }

  // Called once a migration's sections have all been walked.
  virtual void check_migration(const MigrationFacts& migration, Context& context) const {
    (void)migration;
    (void)context;
  }
};

}  // namespace miglint
