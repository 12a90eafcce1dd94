#include "engine/lint.hpp"

#include "engine/node_access.hpp"
#include "engine/sections.hpp"
#include "engine/suppressions.hpp"
#include "engine/tracker.hpp"
#include "engine/transaction.hpp"
#include "engine/walk.hpp"
#include "parse/parse.hpp"
#include "parse/split.hpp"
#include "source/read_file.hpp"
#include "source/utf8.hpp"

#include <algorithm>
#include <deque>
#include <set>

namespace miglint {

namespace dom = simdjson::dom;

struct MigrationLinter::Buffers {
  dom::parser parser;
  std::deque<dom::document> documents;  // one per statement of a section, reused
};

MigrationLinter::MigrationLinter() : buffers_(std::make_unique<Buffers>()) {}
MigrationLinter::~MigrationLinter() = default;

namespace {

// One statement of a section, parsed or not.
struct Statement {
  StatementSpan span;
  Node root;  // empty when it did not parse
  UnparsedStatement unparsed;
  std::size_t unparsed_at = 0;
  std::string message;      // PostgreSQL's, for unparsed.message once the statement stops moving
};

// Where a runner's template placeholder (`{{ ... }}`, `${...}`) starts and
// ends in a statement that did not parse. It may stand alone or sit inside a
// quoted identifier; inside a string literal it cannot be what broke the parse.
std::optional<std::pair<std::size_t, std::size_t>> find_placeholder(std::string_view text,
                                                                    std::span<const Token> tokens,
                                                                    std::size_t statement_end) {
  for (const Token& token : tokens) {
    std::string_view token_text = text.substr(token.start, token.end - token.start);
    std::size_t at = std::string_view::npos;
    std::string_view closing;
    if (token.is_char('{') || token.is_char('$')) {
      std::string_view opener = text.substr(token.start, 2);
      if (opener == "{{" || opener == "${") at = token.start;
      closing = opener == "{{" ? "}}" : "}";
    } else if (!token.is_identifier()) {
      continue;
    } else if (auto inside = token_text.find("{{"); inside != std::string_view::npos) {
      at = token.start + inside;
      closing = "}}";
    } else if (auto inside_dollar = token_text.find("${"); inside_dollar != std::string_view::npos) {
      at = token.start + inside_dollar;
      closing = "}";
    }
    if (at == std::string_view::npos) continue;
    std::size_t close = text.substr(0, statement_end).find(closing, at + 2);
    std::size_t end = close == std::string_view::npos ? std::min(at + 2, statement_end) : close + closing.size();
    return std::pair{at, end};
  }
  return std::nullopt;
}

// PostgreSQL quotes the rest of the input after "at or near"; in a
// one-line report, the first line of it is enough.
std::string one_line(std::string message) {
  if (auto newline = message.find('\n'); newline != std::string::npos) {
    message.resize(newline);
    message += message.find("at or near \"") != std::string::npos ? "...\"" : "...";
  }
  return message;
}

std::span<const Token> tokens_between(const TokenStream& stream, std::size_t begin, std::size_t end) {
  auto by_start = [](const Token& token, std::size_t offset) { return token.start < offset; };
  auto first = std::lower_bound(stream.tokens.begin(), stream.tokens.end(), begin, by_start);
  auto last = std::lower_bound(first, stream.tokens.end(), end, by_start);
  return {first, last};
}

class Run {
 public:
  Run(const MigrationPlan& plan, const LintSettings& settings, MigrationLinter::Buffers& buffers)
      : plan_(plan), settings_(settings), buffers_(buffers), state_(settings.pg_version), context_(walk_) {
    walk_.state = &state_;
    walk_.findings = &raw_;
  }

  MigrationResult run() {
    const LoadedFile* file = load(plan_.file, file_);
    const LoadedFile* down = load(plan_.down_file, down_file_);
    const LoadedFile* verify = load(plan_.verify_file, verify_file_);
    MigrationSections sections = build_sections(plan_, file, down, verify);
    for (const Section& section : sections.sections) lint_section(section, sections.envelope);
    check_migration(sections, file ? file : down);
    return finish();
  }

 private:
  const LoadedFile* load(const std::optional<InputFile>& input, std::optional<LoadedFile>& slot) {
    if (!input) return nullptr;
    std::string error;
    std::optional<std::string> text = input->text ? input->text : read_file(input->path, error);
    if (!text) {
      result_.errors.push_back(input->display + ": cannot read: " + error);
      return nullptr;
    }
    SourceFile source(input->display, std::move(*text));
    TokenStream tokens;
    if (!source.nul_byte()) tokens = scan(source.text());
    slot.emplace(LoadedFile{std::move(source), std::move(tokens)});
    files_.push_back(&*slot);
    ++result_.files;
    return &*slot;
  }

  // Hands each statement of the section to `consume`, in order.
  template <typename Consume>
  void for_each_statement(const Section& section, Consume&& consume) {
    const LoadedFile& file = *section.file;
    if (auto nul = file.source.nul_byte()) {
      if (binary_reported_.insert(&file).second) {
        Statement binary;
        binary.span = {*nul, file.source.text().size(), false};
        binary.unparsed.cause = UnparsedStatement::Cause::BinaryData;
        binary.unparsed_at = *nul;
        consume(std::move(binary));
      }
      return;
    }
    const std::string& text = file.source.text();
    for (const Chunk& chunk : section.chunks) {
      std::size_t unscanned = chunk.end;
      if (file.tokens.error && file.tokens.error->offset >= chunk.begin && file.tokens.error->offset < chunk.end)
        unscanned = file.tokens.error->offset;
      for (const StatementSpan& span :
           split_statements(text, tokens_between(file.tokens, chunk.begin, unscanned), unscanned, chunk.end)) {
        Statement statement;
        prepare(statement, span, file);
        consume(std::move(statement));
      }
    }
  }

  void prepare(Statement& statement, const StatementSpan& span, const LoadedFile& file) {
    statement.span = span;
    std::string_view sql(file.source.text().data() + span.begin, span.end - span.begin);
    if (span.psql_meta_command) {
      statement.unparsed = {UnparsedStatement::Cause::PsqlMetaCommand, {}, sql};
      statement.unparsed_at = span.begin;
      return;
    }
    ParsedSql parsed(sql);
    if (parsed.error()) {
      if (auto placeholder =
              find_placeholder(file.source.text(), tokens_between(file.tokens, span.begin, span.end), span.end)) {
        std::string_view excerpt(file.source.text().data() + placeholder->first, placeholder->second - placeholder->first);
        statement.unparsed = {UnparsedStatement::Cause::TemplatePlaceholder, {}, excerpt};
        statement.unparsed_at = placeholder->first;
        return;
      }
      statement.message = one_line(parsed.error()->message);
      statement.unparsed.cause = UnparsedStatement::Cause::SyntaxError;
      statement.unparsed_at = span.begin + parsed.error()->offset;
      return;
    }
    if (documents_used_ == buffers_.documents.size()) buffers_.documents.emplace_back();
    dom::document& document = buffers_.documents[documents_used_++];
    dom::element tree;
    dom::array roots;
    if (buffers_.parser.parse_into_document(document, parsed.json().data(), parsed.json().size()).get(tree) !=
            simdjson::SUCCESS ||
        tree["stmts"].get(roots) != simdjson::SUCCESS || roots.size() == 0) {
      // libpg_query copies bytes as they are; the tree is unreadable only
      // when they are not UTF-8.
      statement.unparsed.cause = UnparsedStatement::Cause::InvalidUtf8;
      statement.unparsed_at = span.begin + first_invalid_utf8(sql).value_or(0);
      return;
    }
    // A span holds one statement, so there is one root; a `CREATE RULE`
    // body's statements live inside it.
    dom::element root;
    if ((*roots.begin())["stmt"].get(root) == simdjson::SUCCESS) statement.root = NodeAccess::from_value(root);
  }

  // Statements stream through one at a time, so a file's trees are never
  // all in memory; only while the envelope is undecided are they held back.
  void lint_section(const Section& section, Envelope envelope) {
    TransactionTracker transactions(envelope, settings_.pg_version);
    std::vector<Statement> held;
    documents_used_ = 0;
    walk_.file = section.file;
    walk_.statement.section = section.kind;
    std::size_t count = 0;
    for_each_statement(section, [&](Statement statement) {
      ++count;
      transactions.see(statement.root);
      held.push_back(std::move(statement));
      if (!transactions.decided()) return;
      for (const Statement& ready : held) lint_statement(ready, transactions);
      held.clear();
      documents_used_ = 0;
    });
    transactions.finish();
    for (const Statement& ready : held) lint_statement(ready, transactions);
    if (section.kind == SectionKind::Up) up_statements_ += count;
    if (section.kind == SectionKind::Down) down_statements_ += count;
    result_.statements += count;
  }

  void lint_statement(const Statement& statement, TransactionTracker& transactions) {
    extents_.push_back({walk_.file, statement.span.begin, statement.span.end});
    walk_.statement_begin = statement.span.begin;
    walk_.statement_end = statement.span.end;
    walk_.statement.in_transaction = transactions.enter(statement.root);
    walk_.statement.root = statement.root;
    if (statement.root) {
      visit_node(statement.root);
      record_statement(statement.root, state_);
      return;
    }
    walk_.unparsed_at = statement.unparsed_at;
    UnparsedStatement unparsed = statement.unparsed;
    unparsed.message = statement.message;
    for (const Rule* rule : settings_.rules->rules()) {
      walk_.rule = rule;
      rule->check_unparsed(unparsed, context_);
    }
  }

  // The single walk over a statement's tree: each node goes to the rules
  // that listen to its kind, then its children are visited.
  void visit_node(const Node& node) {
    for (const Rule* rule : settings_.rules->listening_to(node.kind())) {
      walk_.rule = rule;
      rule->check(node, context_);
    }
    walk_.ancestors.push_back(node);
    dom::object fields;
    if (NodeAccess::element(node).get(fields) == simdjson::SUCCESS)
      for (auto field : fields) visit_value(field.value);
    walk_.ancestors.pop_back();
  }

  void visit_value(dom::element value) {
    if (value.is_array()) {
      for (dom::element item : dom::array(value)) visit_value(item);
    } else if (value.is_object()) {
      dom::object object(value);
      std::string_view kind;
      dom::element inner;
      if (is_node_wrapper(object, kind, inner)) {
        visit_node(NodeAccess::make(inner, kind));
      } else {
        for (auto field : object) visit_value(field.value);
      }
    }
  }

  void check_migration(const MigrationSections& sections, const LoadedFile* anchor) {
    if (!anchor) return;
    MigrationFacts facts{plan_.id, plan_.name, plan_.layout, plan_.layout_has_down, false, up_statements_, down_statements_};
    walk_.file = anchor;
    walk_.migration_at = anchor->source.content_begin();
    walk_.statement = {};
    for (const Section& section : sections.sections)
      if (section.kind == SectionKind::Down) {
        facts.has_down = true;
        walk_.file = section.file;
        walk_.migration_at = section.marker.value_or(section.file->source.content_begin());
        walk_.statement.section = SectionKind::Down;
      }
    for (const Rule* rule : settings_.rules->rules()) {
      walk_.rule = rule;
      rule->check_migration(facts, context_);
    }
  }

  MigrationResult finish() {
    Suppressions suppressions(files_, extents_);
    std::string label = plan_.name.empty() || plan_.id == plan_.name ? plan_.id : plan_.id + "_" + plan_.name;
    for (RawFinding& raw : raw_) {
      if (suppressions.silences(raw)) continue;
      const SourceFile& source = raw.file->source;
      Finding finding;
      finding.rule = &raw.rule->meta();
      finding.severity = finding.rule->severity;
      finding.path = source.path();
      finding.start = source.position(raw.begin);
      finding.end = source.position(std::max(raw.end, raw.begin));
      finding.message = std::move(raw.message);
      finding.help = std::move(raw.help);
      finding.migration = label;
      finding.section = raw.section;
      finding.source_line = std::string(source.line_text(finding.start.line));
      result_.findings.push_back(std::move(finding));
    }
    return std::move(result_);
  }

  const MigrationPlan& plan_;
  const LintSettings& settings_;
  MigrationLinter::Buffers& buffers_;
  std::optional<LoadedFile> file_, down_file_, verify_file_;
  std::vector<const LoadedFile*> files_;
  std::set<const LoadedFile*> binary_reported_;
  MigrationState state_;
  detail::Walk walk_;
  Context context_;
  std::vector<RawFinding> raw_;
  std::vector<StatementExtent> extents_;
  std::size_t documents_used_ = 0;
  std::size_t up_statements_ = 0;
  std::size_t down_statements_ = 0;
  MigrationResult result_;
};

}  // namespace

MigrationResult MigrationLinter::lint(const MigrationPlan& plan, const LintSettings& settings) {
  return Run(plan, settings, *buffers_).run();
}

}  // namespace miglint
