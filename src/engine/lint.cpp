#include "engine/lint.hpp"

#include "engine/do_blocks.hpp"
#include "engine/node_access.hpp"
#include "engine/sections.hpp"
#include "engine/suppressions.hpp"
#include "engine/tracker.hpp"
#include "engine/transaction.hpp"
#include "engine/walk.hpp"
#include "parse/parse.hpp"

#include <algorithm>

namespace miglint {

namespace dom = simdjson::dom;

// A value of a tree still to visit, or the end of a node's children.
struct Visit {
  simdjson::dom::element value;
  bool leave = false;
};

struct MigrationLinter::Buffers {
  StatementReader reader;
  std::vector<Visit> visits;
  // For the statements of DO blocks, read after the block's own tree.
  simdjson::dom::parser block_parser;
};

MigrationLinter::MigrationLinter() : buffers_(std::make_unique<Buffers>()) {}
MigrationLinter::~MigrationLinter() = default;

namespace {

// The comments of a file matter when the runner reads markers from them, or
// when it holds one of miglint's own directives; other files are parsed
// without a scan of their tokens.
bool comments_matter(Layout layout, const std::string& text) {
  return has_markers(layout) || text.find("miglint") != std::string::npos;
}

class Run {
 public:
  Run(const MigrationPlan& plan, const LintSettings& settings, MigrationLinter::Buffers& buffers)
      : plan_(plan), settings_(settings), buffers_(buffers), state_(settings.pg_version), context_(walk_) {
    walk_.state = &state_;
    walk_.findings = &raw_;
    if (settings.runner_sets_lock_timeout) state_.assume_runner_lock_timeout();
  }

  MigrationResult run() {
    const LoadedFile* file = load(plan_.file, file_);
    const LoadedFile* down = load(plan_.down_file, down_file_);
    const LoadedFile* verify = load(plan_.verify_file, verify_file_);
    MigrationSections sections = build_sections(plan_, file, down, verify);
    for (const Section& section : sections.sections) lint_section(section, section.envelope.value_or(sections.envelope));
    for (const MarkerProblem& problem : sections.problems) check_marker(problem);
    check_migration(sections, file ? file : down);
    return finish();
  }

 private:
  const LoadedFile* load(const std::optional<InputFile>& input, std::optional<LoadedFile>& slot) {
    if (!input) return nullptr;
    std::optional<std::string> text = input_text(*input, result_.errors);
    if (!text) return nullptr;
    bool scan_now = comments_matter(plan_.layout, *text);
    slot.emplace(source_file(input->display, std::move(*text)), scan_now);
    files_.push_back(&*slot);
    ++result_.files;
    return &*slot;
  }

  SourceFile source_file(std::string display, std::string text) const {
    if (settings_.placeholders.empty()) return SourceFile(std::move(display), std::move(text));
    SubstitutedText substituted = substitute_placeholders(text, settings_.placeholders);
    return SourceFile(std::move(display), std::move(text), std::move(substituted));
  }

  // Statements stream through one at a time, so a file's trees are never
  // all in memory; only while the envelope is undecided are they held back.
  void lint_section(const Section& section, Envelope envelope) {
    TransactionTracker transactions(envelope, settings_.pg_version, transaction_count_);
    std::vector<Statement> held;
    StatementReader& reader = buffers_.reader;
    reader.recycle();
    walk_.file = section.file;
    walk_.statement.section = section.kind;
    std::size_t count = 0;
    reader.read(section, [&](Statement&& statement) {
      ++count;
      transactions.see(statement.root);
      held.push_back(std::move(statement));
      if (!transactions.decided()) return;
      for (const Statement& ready : held) lint_statement(ready, transactions);
      held.clear();
      reader.recycle();
    });
    transactions.finish();
    for (const Statement& ready : held) lint_statement(ready, transactions);
    if (transactions.explicit_transaction_open()) unclosed_transactions_.push_back(last_begin_);
    if (section.kind == SectionKind::Up) up_statements_ += count;
    if (section.kind == SectionKind::Down) down_statements_ += count;
    result_.statements += count;
  }

  void lint_statement(const Statement& statement, TransactionTracker& transactions) {
    extents_.push_back({walk_.file, statement.begin, statement.end});
    walk_.enter(statement);
    TransactionPosition position = transactions.enter(statement.root);
    if (position.id != walk_.statement.transaction) state_.begin_transaction();
    bool opens_explicit_transaction = !position.explicit_transaction && transactions.explicit_transaction_open();
    if (opens_explicit_transaction) last_begin_ = {walk_.file, walk_.exact_current().begin};
    std::vector<TableLock> locks = statement.root ? table_locks(statement.root) : std::vector<TableLock>{};
    StatementFacts& facts = walk_.statement;
    facts.in_transaction = position.in_transaction;
    facts.runner_transaction = position.runner_transaction;
    facts.explicit_transaction = position.explicit_transaction;
    facts.transaction = position.id;
    facts.root = statement.root;
    facts.locks = locks;
    if (statement.root) {
      check_statement(facts);
      visit_node(statement.root);
      record_statement(facts, place_for_state(facts), state_);
      if (statement.root.is("DoStmt")) lint_do_block(statement);
      return;
    }
    check_unparsed(statement);
  }

  void check_statement(const StatementFacts& facts) {
    for (const Rule* rule : settings_.rules->rules()) {
      walk_.rule = rule;
      rule->check_statement(facts, context_);
    }
  }

  // A misplaced marker reaches the rules as a statement the runner cannot read.
  void check_marker(const MarkerProblem& problem) {
    Statement marker;
    marker.begin = marker.parse_base = marker.unparsed_at = problem.begin;
    marker.end = problem.end;
    marker.exact = marker.end_exact = true;
    marker.unparsed.cause = UnparsedStatement::Cause::RunnerMarker;
    marker.message = problem.message;
    walk_.file = problem.file;
    walk_.enter(marker);
    walk_.statement = {};
    walk_.statement.section = problem.section;
    check_unparsed(marker);
  }

  void check_unparsed(const Statement& statement) {
    UnparsedStatement unparsed = statement.unparsed;
    unparsed.message = statement.message;
    for (const Rule* rule : settings_.rules->rules()) {
      walk_.rule = rule;
      rule->check_unparsed(unparsed, context_);
    }
  }

  // The statements a DO block runs get the same rules, at their own
  // positions in the file. The block runs as one statement, so they share
  // one transaction: the migration's, or the block's own.
  void lint_do_block(const Statement& block) {
    std::vector<BlockStatement> inner = do_block_statements(block.root, block, *walk_.file, buffers_.block_parser);
    if (inner.empty()) return;
    StatementFacts outer = walk_.statement;
    int transaction = outer.transaction;
    if (transaction == 0) {
      transaction = ++transaction_count_;
      state_.begin_transaction();
    }
    for (const BlockStatement& found : inner) {
      Statement statement;
      statement.begin = statement.parse_base = statement.unparsed_at = found.offset;
      statement.end = std::min(found.offset + found.sql.size(), walk_.file->text().size());
      statement.exact = statement.end_exact = true;
      walk_.enter(statement);
      walk_.statement = {outer.section, true, outer.runner_transaction, outer.explicit_transaction, transaction, true, {}, {}};
      if (found.dynamic) {
        statement.unparsed = {UnparsedStatement::Cause::DynamicSql, {}, found.sql};
        check_unparsed(statement);
        continue;
      }
      ParsedSql parsed(found.sql);
      dom::element tree;
      dom::array roots;
      // PL/pgSQL accepted it; what PostgreSQL's SQL parser does not is no finding of ours.
      if (parsed.error() ||
          buffers_.block_parser.parse(parsed.json()).get(tree) != simdjson::SUCCESS ||
          tree["stmts"].get(roots) != simdjson::SUCCESS)
        continue;
      for (dom::element entry : roots) {
        dom::element root;
        if (entry["stmt"].get(root) != simdjson::SUCCESS) continue;
        statement.root = NodeAccess::from_value(root);
        std::vector<TableLock> locks = table_locks(statement.root);
        walk_.statement.root = statement.root;
        walk_.statement.locks = locks;
        check_statement(walk_.statement);
        visit_node(statement.root);
        record_statement(walk_.statement, place_for_state(walk_.statement), state_);
      }
    }
    walk_.statement = outer;
    walk_.enter(block);
    if (outer.transaction == 0) state_.begin_transaction();
  }

  // The lock table names an index where a statement locks an index's table
  // (DROP INDEX, REINDEX INDEX); for indexes the migration created, the
  // state knows that table.
  std::vector<TableLock> table_locks(const Node& statement) const {
    std::vector<TableLock> locks = locks_taken(statement);
    for (TableLock& lock : locks)
      if (std::optional<RelationName> table = state_.table_of_index(lock.table)) lock.table = *table;
    return locks;
  }

  // The table a statement names is on its first line, or close; only a
  // statement without one is narrowed to its tokens for its start.
  StatementPlace place_for_state(const StatementFacts& facts) {
    if (!needs_place(facts)) return {};
    int location = facts.root.child("relation").location();
    std::size_t begin = location >= 0 ? walk_.current->parse_base + location : walk_.exact_current().begin;
    return {walk_.file->source().position(begin).line, {walk_.file, begin}, facts.section};
  }

  // The single walk over a statement's tree: each node goes to the rules
  // that listen to its kind, then its children are visited, in order. The
  // walk keeps its own stack: a tree may nest a million levels deep.
  void visit_node(const Node& root) {
    std::vector<Visit>& pending = buffers_.visits;
    pending.clear();
    enter(root, pending);
    while (!pending.empty()) {
      Visit visit = pending.back();
      pending.pop_back();
      if (visit.leave) {
        walk_.ancestors.pop_back();
        continue;
      }
      std::size_t first_child = pending.size();
      if (visit.value.is_array()) {
        for (dom::element item : dom::array(visit.value)) push(item, pending);
      } else if (visit.value.is_object()) {
        dom::object object(visit.value);
        std::string_view kind;
        dom::element inner;
        if (is_node_wrapper(object, kind, inner)) {
          enter(NodeAccess::make(inner, kind), pending);
          continue;
        }
        for (auto field : object) push(field.value, pending);
      }
      std::reverse(pending.begin() + static_cast<std::ptrdiff_t>(first_child), pending.end());
    }
  }

  void enter(const Node& node, std::vector<Visit>& pending) {
    for (const Rule* rule : settings_.rules->listening_to(node.kind())) {
      walk_.rule = rule;
      rule->check(node, context_);
    }
    walk_.ancestors.push_back(node);
    pending.push_back({{}, true});
    std::size_t first_child = pending.size();
    dom::object fields;
    if (NodeAccess::element(node).get(fields) == simdjson::SUCCESS)
      for (auto field : fields) push(field.value, pending);
    std::reverse(pending.begin() + static_cast<std::ptrdiff_t>(first_child), pending.end());
  }

  // Only arrays and objects can hold nodes.
  static void push(dom::element value, std::vector<Visit>& pending) {
    if (value.is_array() || value.is_object()) pending.push_back({value, false});
  }

  void check_migration(const MigrationSections& sections, const LoadedFile* anchor) {
    if (!anchor) return;
    MigrationFacts facts{plan_.id,         plan_.name,     plan_.layout,     plan_.layout_has_down, false,
                         up_statements_,   down_statements_, unclosed_transactions_};
    walk_.file = anchor;
    walk_.migration_at = anchor->source().content_begin();
    walk_.statement = {};
    for (const Section& section : sections.sections)
      if (section.kind == SectionKind::Down) {
        facts.has_down = true;
        walk_.file = section.file;
        walk_.migration_at = section.marker.value_or(section.file->source().content_begin());
        walk_.statement.section = SectionKind::Down;
      }
    for (const Rule* rule : settings_.rules->rules()) {
      walk_.rule = rule;
      rule->check_migration(facts, context_);
    }
  }

  MigrationResult finish() {
    Suppressions suppressions(files_, extents_);
    std::vector<RawFinding> kept;
    for (RawFinding& raw : raw_)
      if (!suppressions.silences(raw)) kept.push_back(std::move(raw));
    // Findings about suppressions are not themselves suppressed.
    raw_.clear();
    walk_.statement = {};
    for (const SuppressionFacts& suppression : suppressions.facts())
      for (const Rule* rule : settings_.rules->rules()) {
        walk_.rule = rule;
        rule->check_suppression(suppression, context_);
      }
    for (RawFinding& raw : raw_) kept.push_back(std::move(raw));

    std::string label = plan_.name.empty() || plan_.id == plan_.name ? plan_.id : plan_.id + "_" + plan_.name;
    if (settings_.keep_statement_text) std::sort(extents_.begin(), extents_.end(), by_place);
    for (RawFinding& raw : kept) {
      const SourceFile& source = raw.file->source();
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
      quote_line(source, finding);
      if (settings_.keep_statement_text && !raw.about_migration) finding.statement = statement_holding(raw);
      result_.findings.push_back(std::move(finding));
    }
    return std::move(result_);
  }

  // Every finding on a line of a minified 10 MB file would otherwise hold a
  // copy of all of it.
  static void quote_line(const SourceFile& source, Finding& finding) {
    constexpr std::size_t kLongestQuoted = 1024;
    constexpr int kLead = 100;
    std::string_view line = source.line_text(finding.start.line);
    if (line.size() <= kLongestQuoted) {
      finding.source_line = std::string(line);
      return;
    }
    finding.source_column = std::max(1, finding.start.column - kLead);
    std::size_t begin = source.column_offset(finding.start.line, finding.source_column);
    std::size_t end = std::min(line.size(), begin + kLongestQuoted);
    while (end < line.size() && (static_cast<unsigned char>(line[end]) & 0xC0) == 0x80) ++end;
    finding.source_line = std::string(line.substr(begin, end - begin));
  }

  static bool by_place(const StatementExtent& a, const StatementExtent& b) {
    if (a.file != b.file) return std::less<const LoadedFile*>()(a.file, b.file);
    return a.begin < b.begin;
  }

  // The text of the statement `raw` starts in; extents_ are sorted by place.
  // A finding about a comment between statements is in none.
  std::string statement_holding(const RawFinding& raw) const {
    StatementExtent probe{raw.file, raw.begin, raw.begin};
    auto after = std::upper_bound(extents_.begin(), extents_.end(), probe, by_place);
    if (after == extents_.begin()) return {};
    const StatementExtent& extent = *std::prev(after);
    if (extent.file != raw.file || raw.begin > extent.end) return {};
    return raw.file->text().substr(extent.begin, extent.end - extent.begin);
  }

  const MigrationPlan& plan_;
  const LintSettings& settings_;
  MigrationLinter::Buffers& buffers_;
  std::optional<LoadedFile> file_, down_file_, verify_file_;
  std::vector<const LoadedFile*> files_;
  MigrationState state_;
  detail::Walk walk_;
  Context context_;
  std::vector<RawFinding> raw_;
  std::vector<StatementExtent> extents_;
  int transaction_count_ = 0;
  SourceMark last_begin_;
  std::vector<SourceMark> unclosed_transactions_;
  std::size_t up_statements_ = 0;
  std::size_t down_statements_ = 0;
  MigrationResult result_;
};

}  // namespace

MigrationResult MigrationLinter::lint(const MigrationPlan& plan, const LintSettings& settings) {
  return Run(plan, settings, *buffers_).run();
}

}  // namespace miglint
