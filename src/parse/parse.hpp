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

// libpg_query's answer for one piece of SQL. On success json() is the tree
// ({"version":..., "stmts":[...]}), its locations being offsets into the SQL.
class ParsedSql {
 public:
  explicit ParsedSql(std::string_view sql);
  ~ParsedSql();
  ParsedSql(const ParsedSql&) = delete;
  ParsedSql& operator=(const ParsedSql&) = delete;

  const std::optional<ParseError>& error() const { return error_; }
  std::string_view json() const { return json_; }

 private:
  char* tree_ = nullptr;  // owned by libpg_query until the destructor frees it
  char* stderr_buffer_ = nullptr;
  std::string_view json_;
  std::optional<ParseError> error_;
};

}  // namespace miglint
