#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace miglint {

// A lexical token from libpg_query's scanner; offsets index the scanned text.
struct Token {
  std::uint32_t start = 0;
  std::uint32_t end = 0;
  std::int32_t kind = 0;

  bool is_comment() const;
  bool is_line_comment() const;
  bool is_identifier() const;
  bool is_literal() const;   // a string, bit-string or numeric constant
  bool is_constant() const;  // a literal, TRUE, FALSE or NULL
  bool is_char(char c) const { return kind == static_cast<unsigned char>(c); }
};

namespace token_kind {
// Values of libpg_query's PgQuery__Token enum (pg_query.pb-c.h), used
// without including that header everywhere.
inline constexpr std::int32_t kIdentifier = 258;
inline constexpr std::int32_t kFloatConstant = 260;  // FCONST; SCONST, USCONST, BCONST and XCONST follow
inline constexpr std::int32_t kHexConstant = 264;
inline constexpr std::int32_t kIntegerConstant = 266;
inline constexpr std::int32_t kSqlComment = 275;
inline constexpr std::int32_t kCComment = 276;
inline constexpr std::int32_t kAtomic = 300;
inline constexpr std::int32_t kBegin = 307;
inline constexpr std::int32_t kCase = 321;
inline constexpr std::int32_t kEnd = 401;
inline constexpr std::int32_t kFalse = 416;
inline constexpr std::int32_t kNull = 533;
inline constexpr std::int32_t kTrue = 680;
}  // namespace token_kind

struct ScanError {
  std::size_t offset = 0;  // where the scanner gave up
  std::string message;
};

struct TokenStream {
  std::vector<Token> tokens;
  // Set when the scanner stopped early, e.g. at an unterminated quote:
  // `tokens` then covers the text before `error->offset`.
  std::optional<ScanError> error;
};

// Scans `text` (which must not contain NUL bytes).
TokenStream scan(std::string_view text);

// Scans text[begin, end) a piece at a time and hands each piece's tokens,
// with offsets into `text`, to `take`, which may keep them: every piece but
// the last ends with a `;` token. Returns where the scanner gave up, if it
// did, as TokenStream::error; no piece holds tokens from there on.
std::optional<ScanError> scan_pieces(std::string_view text, std::size_t begin, std::size_t end,
                                     const std::function<void(std::vector<Token>&)>& take);

// Whether only blanks stand between the start of its line and `offset`.
bool starts_line(std::string_view text, std::size_t offset);

// The body of a comment token: "-- x" gives "x", "/* x */" gives "x".
std::string_view comment_body(std::string_view text, const Token& comment);

}  // namespace miglint
