#include "parse/parse.hpp"

#include <pg_query.h>

#include <algorithm>

namespace miglint {

ParsedSql::ParsedSql(std::string_view sql) {
  std::string input(sql);
  PgQueryParseResult result = pg_query_parse(input.c_str());
  if (result.error) {
    std::size_t offset = result.error->cursorpos > 0 ? result.error->cursorpos - 1 : 0;
    error_ = ParseError{result.error->message ? result.error->message : "syntax error", std::min(offset, sql.size())};
  } else if (result.parse_tree) {
    json_ = simdjson::padded_string(std::string_view(result.parse_tree));
  }
  pg_query_free_parse_result(result);
}

}  // namespace miglint
