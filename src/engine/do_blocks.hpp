#pragma once

#include "engine/statements.hpp"

#include <simdjson.h>

#include <string>
#include <vector>

namespace miglint {

// A statement inside a DO block's PL/pgSQL body.
struct BlockStatement {
  std::size_t offset = 0;  // file offset where its text starts
  std::string sql;
  bool dynamic = false;    // EXECUTE of a string built at run time: `sql` is the expression
};

// The SQL a DO block runs, found with pg_query_parse_plpgsql: its static
// statements, the constant strings it EXECUTEs, and the EXECUTEs of strings
// built at run time. Positions are mapped back into the file.
std::vector<BlockStatement> do_block_statements(const Node& do_statement, const Statement& statement,
                                                const LoadedFile& file, simdjson::dom::parser& parser);

}  // namespace miglint
