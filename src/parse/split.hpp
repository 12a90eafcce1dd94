#pragma once

#include "parse/tokens.hpp"

#include <cstddef>
#include <span>
#include <string_view>
#include <vector>

namespace miglint {

struct StatementSpan {
  std::size_t begin = 0;  // first token
  std::size_t end = 0;    // end of the last token before the terminating `;`
  bool psql_meta_command = false;
};

// Splits one chunk of text into statements at top-level `;` tokens, keeping
// parenthesised lists (CREATE RULE ... (a; b)) and BEGIN ATOMIC ... END
// bodies whole. A psql meta-command (`\set x 1`, or `\gset` after a query)
// ends the statement before it and runs to the end of its line.
// `tokens` are the chunk's tokens; when the scanner stopped inside the chunk
// at `unscanned`, the rest of the chunk up to `chunk_end` joins the last statement.
std::vector<StatementSpan> split_statements(std::string_view text, std::span<const Token> tokens,
                                            std::size_t unscanned, std::size_t chunk_end);

}  // namespace miglint
