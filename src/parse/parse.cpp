#include "parse/parse.hpp"

#include <pg_query.h>

#include <algorithm>

namespace miglint {

ParsedSql::ParsedSql(std::string_view sql) {
  std::string input(sql);
  PgQueryParseResult result = pg_query_parse(input.c_str());
  tree_ = result.parse_tree;
  stderr_buffer_ = result.stderr_buffer;
  if (result.error) {
    std::size_t offset = result.error->cursorpos > 0 ? result.error->cursorpos - 1 : 0;
    error_ = ParseError{result.error->message ? result.error->message : "syntax error", std::min(offset, sql.size())};
    pg_query_free_parse_result(result);
    tree_ = nullptr;
    stderr_buffer_ = nullptr;
  } else if (tree_) {
    json_ = tree_;
  }
}

ParsedSql::~ParsedSql() {
  PgQueryParseResult result{};
  result.parse_tree = tree_;
  result.stderr_buffer = stderr_buffer_;
  pg_query_free_parse_result(result);
}

}  // namespace miglint
