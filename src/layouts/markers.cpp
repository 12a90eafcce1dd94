#include "layouts/markers.hpp"

#include <array>
#include <cctype>

namespace miglint {

namespace {

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(a[i])) != std::tolower(static_cast<unsigned char>(b[i]))) return false;
  return true;
}

bool istarts_with(std::string_view text, std::string_view prefix) {
  return text.size() >= prefix.size() && iequals(text.substr(0, prefix.size()), prefix);
}

std::string_view first_word(std::string_view text) {
  std::size_t end = 0;
  while (end < text.size() && text[end] != ' ' && text[end] != '\t') ++end;
  return text.substr(0, end);
}

std::string_view after_first_word(std::string_view text) {
  text.remove_prefix(first_word(text).size());
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  return text;
}

std::optional<Marker> goose_marker(std::string_view comment) {
  if (!istarts_with(comment, "+goose ")) return std::nullopt;
  std::string_view directive = after_first_word(comment);
  if (iequals(first_word(directive), "Up")) return Marker{Marker::Up};
  if (iequals(first_word(directive), "Down")) return Marker{Marker::Down};
  if (iequals(directive, "StatementBegin")) return Marker{Marker::StatementBegin};
  if (iequals(directive, "StatementEnd")) return Marker{Marker::StatementEnd};
  if (iequals(directive, "NO TRANSACTION")) return Marker{Marker::NoTransaction};
  return std::nullopt;
}

std::optional<Marker> dbmate_marker(std::string_view comment) {
  std::string_view word = first_word(comment);
  Marker marker;
  if (iequals(word, "migrate:up")) {
    marker.kind = Marker::Up;
  } else if (iequals(word, "migrate:down")) {
    marker.kind = Marker::Down;
  } else {
    return std::nullopt;
  }
  for (std::string_view options = after_first_word(comment); !options.empty(); options = after_first_word(options))
    if (iequals(first_word(options), "transaction:false")) marker.no_transaction = true;
  return marker;
}

std::optional<Marker> miglint_marker(std::string_view comment) {
  if (iequals(comment, "UP")) return Marker{Marker::Up};
  if (iequals(comment, "DOWN")) return Marker{Marker::Down};
  if (iequals(comment, "miglint:no-transaction")) return Marker{Marker::NoTransaction};
  return std::nullopt;
}

}  // namespace

std::optional<Marker> parse_marker(std::string_view comment, Layout layout) {
  // `-- DOWN -- why` : a second `--` starts a remark about the marker.
  if (auto remark = comment.find(" --"); remark != std::string_view::npos) comment = comment.substr(0, remark);
  while (!comment.empty() && (comment.back() == ' ' || comment.back() == '\t')) comment.remove_suffix(1);
  switch (layout) {
    case Layout::Goose: return goose_marker(comment);
    case Layout::Dbmate: return dbmate_marker(comment);
    case Layout::Miglint: return miglint_marker(comment);
    default: return std::nullopt;
  }
}

std::optional<Marker> marker_at(std::string_view text, const Token& token, Layout layout) {
  if (!token.is_line_comment() || !starts_line(text, token.start)) return std::nullopt;
  return parse_marker(comment_body(text, token), layout);
}

std::optional<Layout> detect_marker_layout(std::string_view text, const std::vector<Token>& tokens) {
  static constexpr std::array kCandidates{Layout::Goose, Layout::Dbmate, Layout::Miglint};
  for (const Token& token : tokens)
    for (Layout layout : kCandidates)
      if (auto marker = marker_at(text, token, layout); marker && marker->kind == Marker::Up) return layout;
  return std::nullopt;
}

}  // namespace miglint
