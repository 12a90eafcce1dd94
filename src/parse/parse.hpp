#pragma once

#include <simdjson.h>

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace miglint {

struct ParseError {
  std::string message;
  std::size_t offset = 0;  // into the parsed text
};

// libpg_query's answer for one piece of SQL. On success json() is the tree
// ({"version":..., "stmts":[...]}), its locations being offsets into the SQL.
// It is a copy with the padding simdjson reads past the end: libpg_query's
// own is freed at once, which matters when a tree is many times the size of
// its SQL.
class ParsedSql {
 public:
  explicit ParsedSql(std::string_view sql);

  const std::optional<ParseError>& error() const { return error_; }
  const simdjson::padded_string& json() const { return json_; }

 private:
  simdjson::padded_string json_;
  std::optional<ParseError> error_;
};

}  // namespace miglint
