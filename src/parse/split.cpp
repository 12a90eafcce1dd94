#include "parse/split.hpp"

#include <algorithm>

namespace miglint {

namespace {

std::size_t end_of_line(std::string_view text, std::size_t offset) {
  std::size_t newline = text.find('\n', offset);
  std::size_t end = newline == std::string_view::npos ? text.size() : newline;
  while (end > offset && (text[end - 1] == '\r' || text[end - 1] == ' ' || text[end - 1] == '\t')) --end;
  return end;
}

class Splitter {
 public:
  explicit Splitter(std::string_view text) : text_(text) {}

  void feed(std::span<const Token> tokens) {
    for (std::size_t i = 0; i < tokens.size(); ++i) {
      const Token& token = tokens[i];
      if (token.is_comment()) continue;
      if (token.is_char('\\')) {
        i = meta_command(tokens, i);
        continue;
      }
      if (token.is_char(';') && depth_ == 0 && atomic_depth_ == 0) {
        finish();
        continue;
      }
      track_nesting(tokens, i);
      if (begin_ == kNone) begin_ = token.start;
      end_ = token.end;
    }
  }

  void append_unscanned(std::size_t from, std::size_t to) {
    // A meta-command takes the rest of its line, where the scanner may have
    // stopped (at a quote it opens); that text is not a statement as well.
    if (!spans_.empty()) from = std::max(from, spans_.back().end);
    if (from >= to) return;
    if (begin_ == kNone) begin_ = from;
    end_ = to;
  }

  std::vector<StatementSpan> take() {
    finish();
    return std::move(spans_);
  }

 private:
  void finish() {
    if (begin_ != kNone) spans_.push_back({begin_, end_, false});
    begin_ = kNone;
    depth_ = 0;
    atomic_depth_ = 0;
  }

  std::size_t meta_command(std::span<const Token> tokens, std::size_t i) {
    finish();
    std::size_t line_end = end_of_line(text_, tokens[i].start);
    spans_.push_back({tokens[i].start, line_end, true});
    while (i + 1 < tokens.size() && tokens[i + 1].start < line_end) ++i;
    return i;
  }

  void track_nesting(std::span<const Token> tokens, std::size_t i) {
    const Token& token = tokens[i];
    if (token.is_char('(')) {
      ++depth_;
    } else if (token.is_char(')')) {
      if (depth_ > 0) --depth_;
    } else if (token.kind == token_kind::kBegin && next_is(tokens, i, token_kind::kAtomic)) {
      ++atomic_depth_;
    } else if (atomic_depth_ > 0 && token.kind == token_kind::kCase) {
      ++atomic_depth_;
    } else if (atomic_depth_ > 0 && token.kind == token_kind::kEnd) {
      --atomic_depth_;
    }
  }

  static bool next_is(std::span<const Token> tokens, std::size_t i, std::int32_t kind) {
    for (++i; i < tokens.size(); ++i)
      if (!tokens[i].is_comment()) return tokens[i].kind == kind;
    return false;
  }

  std::string_view text_;
  std::vector<StatementSpan> spans_;
  static constexpr std::size_t kNone = static_cast<std::size_t>(-1);
  std::size_t begin_ = kNone;
  std::size_t end_ = 0;
  int depth_ = 0;
  int atomic_depth_ = 0;
};

}  // namespace

std::vector<StatementSpan> split_statements(std::string_view text, std::span<const Token> tokens,
                                            std::size_t unscanned, std::size_t chunk_end) {
  Splitter splitter(text);
  splitter.feed(tokens);
  splitter.append_unscanned(unscanned, chunk_end);
  return splitter.take();
}

}  // namespace miglint
