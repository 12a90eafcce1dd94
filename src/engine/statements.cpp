#include "engine/statements.hpp"

#include "engine/node_access.hpp"
#include "parse/nesting.hpp"
#include "parse/parse.hpp"
#include "source/utf8.hpp"

#include <algorithm>

namespace miglint {

namespace dom = simdjson::dom;

namespace {

// Chunks larger than this are parsed statement by statement, so that one
// huge file never has its whole tree in memory.
constexpr std::size_t kLargestChunkParsedWhole = 1 << 20;

// A statement parsed alone may nest as deeply as one in a chunk parsed
// whole, which has no more tokens than bytes; a statement nested deeper is
// not parsed. The threads that lint have the stack this takes (check.cpp).
constexpr std::size_t kDeepestParsed = kLargestChunkParsedWhole;

// simdjson's default of 1024 levels is far less than libpg_query writes for
// a statement nested kDeepestParsed deep: two levels per token at most.
constexpr std::size_t kDeepestTree = 2 * kDeepestParsed;

std::span<const Token> tokens_between(std::span<const Token> tokens, std::size_t begin, std::size_t end) {
  auto by_start = [](const Token& token, std::size_t offset) { return token.start < offset; };
  auto first = std::lower_bound(tokens.begin(), tokens.end(), begin, by_start);
  auto last = std::lower_bound(first, tokens.end(), end, by_start);
  return {first, last};
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

// The statement roots of a parse tree ({"stmts": [{"stmt": ..., "stmt_location": ..., "stmt_len": ...}]}).
// The parser is given a deeper limit only when a tree needs it.
simdjson::error_code statement_list(dom::parser& parser, dom::document& document, const simdjson::padded_string& json,
                                    dom::array& statements) {
  dom::element tree;
  simdjson::error_code error = parser.parse_into_document(document, json).get(tree);
  if (error == simdjson::DEPTH_ERROR && parser.max_depth() < kDeepestTree &&
      parser.allocate(std::max(parser.capacity(), json.size()), kDeepestTree) == simdjson::SUCCESS)
    error = parser.parse_into_document(document, json).get(tree);
  if (error) return error;
  // An input of only comments has no "stmts" at all.
  if (tree["stmts"].get(statements) != simdjson::SUCCESS) statements = dom::array{};
  return simdjson::SUCCESS;
}

std::size_t integer_field(dom::element object, std::string_view field) {
  std::uint64_t value = 0;
  return object[field].get(value) == simdjson::SUCCESS ? value : 0;
}

}  // namespace

Statement exact_statement(const Statement& statement, const LoadedFile& file) {
  if (statement.exact) return statement;
  Statement exact = statement;
  exact.end_exact = true;
  std::vector<Token> scanned;
  std::span<const Token> tokens;
  if (file.scanned()) {
    tokens = tokens_between(file.tokens().tokens, statement.begin, statement.end);
  } else {
    scanned = scan(file.text().substr(statement.begin, statement.end - statement.begin)).tokens;
    for (Token& token : scanned) {
      token.start += static_cast<std::uint32_t>(statement.begin);
      token.end += static_cast<std::uint32_t>(statement.begin);
    }
    tokens = scanned;
  }
  auto first = std::find_if(tokens.begin(), tokens.end(), [](const Token& token) { return !token.is_comment(); });
  auto last = std::find_if(tokens.rbegin(), tokens.rend(), [](const Token& token) { return !token.is_comment(); });
  if (first != tokens.end()) {
    exact.begin = first->start;
    exact.end = last->end;
  }
  exact.exact = true;
  return exact;
}

dom::document& StatementReader::next_document() {
  if (documents_used_ == documents_.size()) documents_.emplace_back();
  return documents_[documents_used_++];
}

void StatementReader::read(const Section& section, const Consume& consume) {
  const LoadedFile& file = *section.file;
  std::string_view text = file.text();
  bool utf16 = text.starts_with("\xFF\xFE") || text.starts_with("\xFE\xFF");
  if (auto nul = file.source().nul_byte(); nul || utf16) {
    Statement binary;
    binary.begin = utf16 ? 0 : *nul;
    binary.end = utf16 ? 2 : text.size();
    binary.exact = binary.end_exact = true;
    binary.unparsed.cause = utf16 ? UnparsedStatement::Cause::Utf16 : UnparsedStatement::Cause::BinaryData;
    binary.unparsed_at = binary.begin;
    consume(std::move(binary));
    return;
  }
  for (const Chunk& chunk : section.chunks) {
    if (file.scanned()) read_by_tokens(file, chunk, consume);
    else if (!read_whole(file, chunk, consume)) read_by_pieces(file, chunk, consume);
  }
}

bool StatementReader::read_whole(const LoadedFile& file, const Chunk& chunk, const Consume& consume) {
  if (chunk.end - chunk.begin > kLargestChunkParsedWhole) return false;
  ParsedSql parsed(std::string_view(file.text()).substr(chunk.begin, chunk.end - chunk.begin));
  if (parsed.error()) return false;
  dom::array statements;
  if (statement_list(parser_, next_document(), parsed.json(), statements)) return false;
  for (dom::element entry : statements) {
    Statement statement;
    statement.parse_base = chunk.begin;
    statement.begin = chunk.begin + integer_field(entry, "stmt_location");
    std::size_t length = integer_field(entry, "stmt_len");
    // The last statement's length is 0: it runs to the end of the input.
    statement.end = length ? statement.begin + length : chunk.end;
    statement.end_exact = length != 0;
    while (statement.end > statement.begin && std::isspace(static_cast<unsigned char>(file.text()[statement.end - 1])))
      --statement.end;
    dom::element root;
    if (entry["stmt"].get(root) == simdjson::SUCCESS) statement.root = NodeAccess::from_value(root);
    consume(std::move(statement));
  }
  return true;
}

void StatementReader::read_by_tokens(const LoadedFile& file, const Chunk& chunk, const Consume& consume) {
  const TokenStream& stream = file.tokens();
  std::size_t unscanned = chunk.end;
  if (stream.error && stream.error->offset >= chunk.begin && stream.error->offset < chunk.end)
    unscanned = stream.error->offset;
  std::span<const Token> tokens = tokens_between(stream.tokens, chunk.begin, unscanned);
  for (const StatementSpan& span : split_statements(file.text(), tokens, unscanned, chunk.end))
    read_span(span, tokens_between(tokens, span.begin, span.end), file, consume);
}

void StatementReader::read_by_pieces(const LoadedFile& file, const Chunk& chunk, const Consume& consume) {
  std::string_view text = file.text();
  std::vector<Token> pending;  // from the first token of a statement not read yet
  std::optional<ScanError> error = scan_pieces(text, chunk.begin, chunk.end, [&](std::vector<Token>& piece) {
    if (pending.empty()) pending.swap(piece);
    else pending.insert(pending.end(), piece.begin(), piece.end());
    if (pending.empty()) return;
    std::size_t through = pending.back().end;
    std::vector<StatementSpan> spans = split_statements(text, pending, through, through);
    // A piece ends with a `;`. When it did not end the last statement (it is
    // inside parentheses or BEGIN ATOMIC, or on a psql meta-command's line),
    // that statement is split again with the next piece.
    std::size_t done = pending.size();
    if (!spans.empty() && spans.back().end >= through) {
      done = static_cast<std::size_t>(tokens_between(pending, 0, spans.back().begin).size());
      spans.pop_back();
    }
    for (const StatementSpan& span : spans) read_span(span, tokens_between(pending, span.begin, span.end), file, consume);
    pending.erase(pending.begin(), pending.begin() + static_cast<std::ptrdiff_t>(done));
  });
  std::size_t unscanned = error ? error->offset : chunk.end;
  for (const StatementSpan& span : split_statements(text, pending, unscanned, chunk.end))
    read_span(span, tokens_between(pending, span.begin, span.end), file, consume);
}

void StatementReader::read_span(const StatementSpan& span, std::span<const Token> tokens, const LoadedFile& file,
                                const Consume& consume) {
  Statement statement;
  statement.begin = statement.parse_base = span.begin;
  statement.end = span.end;
  statement.exact = statement.end_exact = true;
  if (span.psql_meta_command) {
    statement.unparsed = {UnparsedStatement::Cause::PsqlMetaCommand, {},
                          std::string_view(file.text()).substr(span.begin, span.end - span.begin)};
    statement.unparsed_at = span.begin;
  } else {
    parse_one(statement, file, tokens);
  }
  consume(std::move(statement));
}

void StatementReader::parse_one(Statement& statement, const LoadedFile& file, std::span<const Token> tokens) {
  std::string_view text = file.text();
  std::string_view sql = text.substr(statement.begin, statement.end - statement.begin);
  if (nesting_bound(tokens) > kDeepestParsed) {
    statement.unparsed.cause = UnparsedStatement::Cause::NestedTooDeeply;
    statement.unparsed_at = statement.begin;
    return;
  }
  ParsedSql parsed(sql);
  if (parsed.error()) {
    auto placeholder = find_placeholder(text, tokens, statement.end);
    if (placeholder) {
      statement.unparsed = {UnparsedStatement::Cause::TemplatePlaceholder, {},
                            text.substr(placeholder->first, placeholder->second - placeholder->first)};
      statement.unparsed_at = placeholder->first;
      return;
    }
    statement.message = one_line(parsed.error()->message);
    // Bison's words for its stack running out, which PostgreSQL passes on.
    if (statement.message.starts_with("memory exhausted"))
      statement.message += " (the expression nests too deeply for PostgreSQL's parser)";
    statement.unparsed.cause = UnparsedStatement::Cause::SyntaxError;
    statement.unparsed_at = statement.begin + parsed.error()->offset;
    return;
  }
  dom::array roots;
  simdjson::error_code error = statement_list(parser_, next_document(), parsed.json(), roots);
  if (error == simdjson::DEPTH_ERROR) {
    statement.unparsed.cause = UnparsedStatement::Cause::NestedTooDeeply;
    statement.unparsed_at = statement.begin;
    return;
  }
  if (error || roots.size() == 0) {
    // libpg_query copies bytes as they are; the tree is unreadable only
    // when they are not UTF-8.
    statement.unparsed.cause = UnparsedStatement::Cause::InvalidUtf8;
    statement.unparsed_at = statement.begin + first_invalid_utf8(sql).value_or(0);
    return;
  }
  // A span holds one statement, so there is one root; a `CREATE RULE`
  // body's statements live inside it.
  dom::element root;
  if ((*roots.begin())["stmt"].get(root) == simdjson::SUCCESS) statement.root = NodeAccess::from_value(root);
}

}  // namespace miglint
