#include "parse/tokens.hpp"

#include <pg_query.h>

#include <algorithm>
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

// Counted first, so that a large scan's tokens take no more room than they need.
std::vector<Token> read_tokens(const PgQueryProtobuf& buffer) {
  const auto* data = reinterpret_cast<const unsigned char*>(buffer.data);
  std::size_t count = 0;
  for (WireReader reader(data, buffer.len); !reader.done();) {
    int wire_type = 0;
    if (reader.key(wire_type) == kScanResultTokens && wire_type == 2) ++count;
    reader.skip(wire_type);
  }
  std::vector<Token> tokens;
  tokens.reserve(count);
  for (WireReader reader(data, buffer.len); !reader.done();) {
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

ScanAttempt scan_once(std::string_view text) {
  ScanAttempt attempt;
  std::string input(text);
  PgQueryScanResult result = pg_query_scan(input.c_str());
  if (result.error) {
    // cursorpos is 1-based; 0 means "no position".
    std::size_t offset = result.error->cursorpos > 0 ? result.error->cursorpos - 1 : 0;
    attempt.error = ScanError{std::min(offset, text.size()), result.error->message ? result.error->message : "scan error"};
  } else {
    attempt.tokens = read_tokens(result.pbuf);
  }
  pg_query_free_scan_result(result);
  return attempt;
}

// The scanner returns nothing once it fails, so the text before the failure
// is scanned again: comments and statements before it still count.
std::vector<Token> tokens_before(std::string_view text, const ScanError& error) {
  ScanAttempt prefix = scan_once(text.substr(0, error.offset));
  return prefix.error ? std::vector<Token>{} : std::move(prefix.tokens);
}

// libpg_query builds every token of its input in memory before it answers,
// several times the size of the text, so a large text is scanned a piece at
// a time. A piece ends after a `;`: the scanner is back in its first state
// there, so scanning on from that point gives the tokens a whole scan gives.
constexpr std::size_t kScanPiece = 1 << 20;

std::size_t last_semicolon(const std::vector<Token>& tokens) {
  for (std::size_t i = tokens.size(); i > 0; --i)
    if (tokens[i - 1].is_char(';')) return i;
  return 0;
}

}  // namespace

std::optional<ScanError> scan_pieces(std::string_view text, std::size_t begin, std::size_t end,
                                     const std::function<void(std::vector<Token>&)>& take) {
  std::size_t piece = kScanPiece;
  auto hand_over = [&](std::vector<Token>& tokens, std::size_t count) {
    tokens.resize(count);
    for (Token& token : tokens) {
      token.start += static_cast<std::uint32_t>(begin);
      token.end += static_cast<std::uint32_t>(begin);
    }
    take(tokens);
  };
  while (begin < end) {
    bool last = end - begin <= piece;
    std::string_view part = text.substr(begin, std::min(piece, end - begin));
    ScanAttempt attempt = scan_once(part);
    std::vector<Token> tokens = attempt.error ? tokens_before(part, *attempt.error) : std::move(attempt.tokens);
    if (last) {
      // The failure is the text's own, not a cut in the middle of a quote.
      hand_over(tokens, tokens.size());
      if (attempt.error) return ScanError{begin + attempt.error->offset, std::move(attempt.error->message)};
      return std::nullopt;
    }
    std::size_t through = last_semicolon(tokens);
    if (through == 0) {
      // One statement, or one quote, longer than the piece.
      piece *= 2;
      continue;
    }
    std::size_t next = begin + tokens[through - 1].end;
    hand_over(tokens, through);
    begin = next;
    piece = kScanPiece;
  }
  return std::nullopt;
}

TokenStream scan(std::string_view text) {
  TokenStream stream;
  stream.error = scan_pieces(text, 0, text.size(), [&](std::vector<Token>& tokens) {
    if (stream.tokens.empty()) stream.tokens.swap(tokens);
    else stream.tokens.insert(stream.tokens.end(), tokens.begin(), tokens.end());
  });
  return stream;
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
