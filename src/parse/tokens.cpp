#include "parse/tokens.hpp"

#include <pg_query.h>

#include <string>

namespace miglint {

bool Token::is_comment() const { return kind == token_kind::kSqlComment || kind == token_kind::kCComment; }
bool Token::is_line_comment() const { return kind == token_kind::kSqlComment; }
bool Token::is_identifier() const { return kind == token_kind::kIdentifier; }
bool Token::is_literal() const {
  return (kind >= token_kind::kFloatConstant && kind <= token_kind::kHexConstant) || kind == token_kind::kIntegerConstant;
}
bool Token::is_constant() const {
  return is_literal() || kind == token_kind::kTrue || kind == token_kind::kFalse || kind == token_kind::kNull;
}

namespace {

// pg_query_scan answers in protobuf (ScanResult in pg_query.proto). Reading
// its few integer fields directly costs a fraction of protobuf-c's unpack,
// which allocates every token, and the scan is on every file's hot path.
class WireReader {
 public:
  WireReader(const unsigned char* data, std::size_t size) : at_(data), end_(data + size) {}

  bool done() const { return at_ >= end_ || failed_; }
  bool failed() const { return failed_; }

  std::uint64_t varint() {
    std::uint64_t value = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      if (at_ >= end_) break;
      unsigned char byte = *at_++;
      value |= static_cast<std::uint64_t>(byte & 0x7F) << shift;
      if (!(byte & 0x80)) return value;
    }
    failed_ = true;
    return 0;
  }

  // Reads a field key; returns the field number and sets `wire_type`.
  std::uint64_t key(int& wire_type) {
    std::uint64_t key = varint();
    wire_type = static_cast<int>(key & 7);
    return key >> 3;
  }

  WireReader message() {
    std::uint64_t size = varint();
    if (size > static_cast<std::uint64_t>(end_ - at_)) {
      failed_ = true;
      return {at_, 0};
    }
    WireReader inner(at_, size);
    at_ += size;
    return inner;
  }

  void skip(int wire_type) {
    switch (wire_type) {
      case 0: varint(); break;
      case 1: advance(8); break;
      case 2: advance(varint()); break;
      case 5: advance(4); break;
      default: failed_ = true;
    }
  }

 private:
  void advance(std::uint64_t bytes) {
    if (bytes > static_cast<std::uint64_t>(end_ - at_)) failed_ = true;
    else at_ += bytes;
  }

  const unsigned char* at_;
  const unsigned char* end_;
  bool failed_ = false;
};

constexpr std::uint64_t kScanResultTokens = 2;
constexpr std::uint64_t kScanTokenStart = 1;
constexpr std::uint64_t kScanTokenEnd = 2;
constexpr std::uint64_t kScanTokenKind = 4;

Token read_token(WireReader reader) {
  Token token;
  while (!reader.done()) {
    int wire_type = 0;
    std::uint64_t field = reader.key(wire_type);
    if (wire_type != 0) {
      reader.skip(wire_type);
      continue;
    }
    std::uint64_t value = reader.varint();
    if (field == kScanTokenStart) token.start = static_cast<std::uint32_t>(value);
    else if (field == kScanTokenEnd) token.end = static_cast<std::uint32_t>(value);
    else if (field == kScanTokenKind) token.kind = static_cast<std::int32_t>(value);
  }
  return token;
}

std::vector<Token> read_tokens(const PgQueryProtobuf& buffer) {
  std::vector<Token> tokens;
  // A token takes at least 8 bytes on the wire.
  tokens.reserve(buffer.len / 8);
  WireReader reader(reinterpret_cast<const unsigned char*>(buffer.data), buffer.len);
  while (!reader.done()) {
    int wire_type = 0;
    std::uint64_t field = reader.key(wire_type);
    if (field == kScanResultTokens && wire_type == 2) tokens.push_back(read_token(reader.message()));
    else reader.skip(wire_type);
  }
  return tokens;
}

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
  } else {
    attempt.tokens = read_tokens(result.pbuf);
  }
  pg_query_free_scan_result(result);
  return attempt;
}

}  // namespace

TokenStream scan(const std::string& text) {
  ScanAttempt attempt = scan_once(text);
  if (!attempt.error) return {std::move(attempt.tokens), std::nullopt};

  // The scanner returns nothing once it fails, so scan again up to the
  // failure: comments and statements before it still count.
  ScanError error = *attempt.error;
  error.offset = std::min(error.offset, text.size());
  ScanAttempt prefix = scan_once(text.substr(0, error.offset));
  if (prefix.error) prefix.tokens.clear();
  return {std::move(prefix.tokens), std::move(error)};
}

bool starts_line(std::string_view text, std::size_t offset) {
  while (offset > 0) {
    char c = text[offset - 1];
    if (c == '\n') return true;
    if (c != ' ' && c != '\t' && c != '\r') return false;
    --offset;
  }
  return true;
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
