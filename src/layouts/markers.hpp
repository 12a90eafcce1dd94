#pragma once

#include "parse/tokens.hpp"

#include <miglint/migration.hpp>

#include <optional>
#include <string_view>
#include <vector>

namespace miglint {

// A runner directive written as an SQL comment.
struct Marker {
  enum Kind { Up, Down, StatementBegin, StatementEnd, NoTransaction };
  Kind kind = Up;
  bool no_transaction = false;  // dbmate: `-- migrate:up transaction:false`
};

// Reads a comment's body as a marker of `layout`'s runner.
std::optional<Marker> parse_marker(std::string_view comment, Layout layout);

// The marker a comment token stands for: runners read markers only from
// `--` comments that start their line.
std::optional<Marker> marker_at(std::string_view text, const Token& token, Layout layout);

// The single-file layout whose up marker appears in `text`, if any.
std::optional<Layout> detect_marker_layout(std::string_view text, const std::vector<Token>& tokens);

}  // namespace miglint
