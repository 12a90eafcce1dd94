#include "parse/tokens.hpp"

#include <pg_query.h>
#include <pg_query/pg_query.pb-c.h>

#include <string>

namespace miglint {

static_assert(token_kind::kSqlComment == PG_QUERY__TOKEN__SQL_COMMENT);
static_assert(token_kind::kCComment == PG_QUERY__TOKEN__C_COMMENT);
static_assert(token_kind::kAtomic == PG_QUERY__TOKEN__ATOMIC);
static_assert(token_kind::kBegin == PG_QUERY__TOKEN__BEGIN_P);
static_assert(token_kind::kCase == PG_QUERY__TOKEN__CASE);
static_assert(token_kind::kEnd == PG_QUERY__TOKEN__END_P);

bool Token::is_comment() const { return kind == token_kind::kSqlComment || kind == token_kind::kCComment; }
bool Token::is_line_comment() const { return kind == token_kind::kSqlComment; }

namespace {

struct ScanAttempt {
  std::vector<Token> tokens;
  std::optional<ScanError> error;
};

ScanAttempt scan_once(const std::string& text) {
  ScanAttempt attempt;
  PgQueryScanResult result = pg_query_scan(text.c_str());
  if (result.error) {
    // cursorpos is 1-based; 0 means "no position".
    std::size_t offset = result.error->cursorpos > 0 ? result.error->cursorpos - 1 : 0;
    attempt.error = ScanError{offset, result.error->message ? result.error->message : "scan error"};
  } else if (auto* unpacked = pg_query__scan_result__unpack(nullptr, result.pbuf.len,
                                                              reinterpret_cast<const uint8_t*>(result.pbuf.data))) {
    attempt.tokens.reserve(unpacked->n_tokens);
    for (std::size_t i = 0; i < unpacked->n_tokens; ++i) {
      const auto* token = unpacked->tokens[i];
      attempt.tokens.push_back({static_cast<std::uint32_t>(token->start), static_cast<std::uint32_t>(token->end),
                                static_cast<std::int32_t>(token->token)});
    }
    pg_query__scan_result__free_unpacked(unpacked, nullptr);
  }
  pg_query_free_scan_result(result);
  return attempt;
}

}  // namespace

TokenStream scan(std::string_view text) {
  std::string buffer(text);
  ScanAttempt attempt = scan_once(buffer);
  if (!attempt.error) return {std::move(attempt.tokens), std::nullopt};

  // The scanner returns nothing once it fails, so scan again up to the
  // failure: comments and statements before it still count.
  ScanError error = *attempt.error;
  error.offset = std::min(error.offset, text.size());
  buffer.resize(error.offset);
  ScanAttempt prefix = scan_once(buffer);
  if (prefix.error) prefix.tokens.clear();
  return {std::move(prefix.tokens), std::move(error)};
}

std::string_view comment_body(std::string_view text, const Token& comment) {
  std::string_view body = text.substr(comment.start, comment.end - comment.start);
  if (comment.kind == token_kind::kSqlComment) {
    body.remove_prefix(2);
  } else {
    body.remove_prefix(2);
    if (body.ends_with("*/")) body.remove_suffix(2);
  }
  while (!body.empty() && (body.front() == ' ' || body.front() == '\t')) body.remove_prefix(1);
  while (!body.empty() && (body.back() == ' ' || body.back() == '\t' || body.back() == '\r'))
    body.remove_suffix(1);
  return body;
}

}  // namespace miglint
