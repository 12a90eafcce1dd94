#include "engine/statements.hpp"

#include "engine/node_access.hpp"
#include "parse/parse.hpp"
#include "parse/split.hpp"
#include "source/utf8.hpp"

#include <algorithm>

namespace miglint {

namespace dom = simdjson::dom;

namespace {

// Chunks larger than this are parsed statement by statement, so that one
// huge file never has its whole tree in memory.
constexpr std::size_t kLargestChunkParsedWhole = 1 << 20;

std::span<const Token> tokens_between(const TokenStream& stream, std::size_t begin, std::size_t end) {
  auto by_start = [](const Token& token, std::size_t offset) { return token.start < offset; };
  auto first = std::lower_bound(stream.tokens.begin(), stream.tokens.end(), begin, by_start);
  auto last = std::lower_bound(first, stream.tokens.end(), end, by_start);
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
std::optional<dom::array> statement_list(dom::parser& parser, dom::document& document, std::string_view json) {
  dom::element tree;
  if (parser.parse_into_document(document, json.data(), json.size()).get(tree) != simdjson::SUCCESS)
    return std::nullopt;
  dom::array statements;
  // An input of only comments has no "stmts" at all.
  if (tree["stmts"].get(statements) != simdjson::SUCCESS) return dom::array{};
  return statements;
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
    tokens = tokens_between(file.tokens(), statement.begin, statement.end);
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
  if (auto nul = file.source().nul_byte()) {
    Statement binary;
    binary.begin = *nul;
    binary.end = file.text().size();
    binary.exact = binary.end_exact = true;
    binary.unparsed.cause = UnparsedStatement::Cause::BinaryData;
    binary.unparsed_at = *nul;
    consume(std::move(binary));
    return;
  }
  for (const Chunk& chunk : section.chunks)
    if (file.scanned() || !read_whole(file, chunk, consume)) read_by_tokens(file, chunk, consume);
}

bool StatementReader::read_whole(const LoadedFile& file, const Chunk& chunk, const Consume& consume) {
  if (chunk.end - chunk.begin > kLargestChunkParsedWhole) return false;
  ParsedSql parsed(std::string_view(file.text()).substr(chunk.begin, chunk.end - chunk.begin));
  if (parsed.error()) return false;
  dom::document& document = next_document();
  std::optional<dom::array> statements = statement_list(parser_, document, parsed.json());
  if (!statements) return false;
  for (dom::element entry : *statements) {
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
  for (const StatementSpan& span :
       split_statements(file.text(), tokens_between(stream, chunk.begin, unscanned), unscanned, chunk.end)) {
    Statement statement;
    statement.begin = statement.parse_base = span.begin;
    statement.end = span.end;
    statement.exact = statement.end_exact = true;
    if (span.psql_meta_command) {
      statement.unparsed = {UnparsedStatement::Cause::PsqlMetaCommand, {},
                            std::string_view(file.text()).substr(span.begin, span.end - span.begin)};
      statement.unparsed_at = span.begin;
    } else {
      parse_one(statement, file);
    }
    consume(std::move(statement));
  }
}

void StatementReader::parse_one(Statement& statement, const LoadedFile& file) {
  std::string_view text = file.text();
  std::string_view sql = text.substr(statement.begin, statement.end - statement.begin);
  ParsedSql parsed(sql);
  if (parsed.error()) {
    auto placeholder = find_placeholder(text, tokens_between(file.tokens(), statement.begin, statement.end), statement.end);
    if (placeholder) {
      statement.unparsed = {UnparsedStatement::Cause::TemplatePlaceholder, {},
                            text.substr(placeholder->first, placeholder->second - placeholder->first)};
      statement.unparsed_at = placeholder->first;
      return;
    }
    statement.message = one_line(parsed.error()->message);
    statement.unparsed.cause = UnparsedStatement::Cause::SyntaxError;
    statement.unparsed_at = statement.begin + parsed.error()->offset;
    return;
  }
  std::optional<dom::array> roots = statement_list(parser_, next_document(), parsed.json());
  if (!roots || roots->size() == 0) {
    // libpg_query copies bytes as they are; the tree is unreadable only
    // when they are not UTF-8.
    statement.unparsed.cause = UnparsedStatement::Cause::InvalidUtf8;
    statement.unparsed_at = statement.begin + first_invalid_utf8(sql).value_or(0);
    return;
  }
  // A span holds one statement, so there is one root; a `CREATE RULE`
  // body's statements live inside it.
  dom::element root;
  if ((*roots->begin())["stmt"].get(root) == simdjson::SUCCESS) statement.root = NodeAccess::from_value(root);
}

}  // namespace miglint
