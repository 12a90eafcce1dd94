#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace miglint {

struct ParseError {
  std::string message;
  std::size_t offset = 0;  // into the parsed text
};

// Parses SQL with libpg_query. On success `json` holds the tree
// ({"version":..., "stmts":[...]}), locations being offsets into `sql`.
struct ParseOutcome {
  std::string json;
  std::optional<ParseError> error;
};

ParseOutcome parse_sql(std::string_view sql);

}  // namespace miglint
