#include "parse/parse.hpp"

#include <pg_query.h>

namespace miglint {

ParseOutcome parse_sql(std::string_view sql) {
  std::string input(sql);
  PgQueryParseResult result = pg_query_parse(input.c_str());
  ParseOutcome outcome;
  if (result.error) {
    std::size_t offset = result.error->cursorpos > 0 ? result.error->cursorpos - 1 : 0;
    outcome.error = ParseError{result.error->message ? result.error->message : "syntax error", std::min(offset, sql.size())};
  } else {
    outcome.json = result.parse_tree;
  }
  pg_query_free_parse_result(result);
  return outcome;
}

}  // namespace miglint
