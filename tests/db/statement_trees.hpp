#pragma once

#include <miglint/node.hpp>

#include <simdjson.h>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace miglint::db_test {

struct ParsedStatement {
  std::string text;  // without the comments before it and the closing `;`
  Node tree;
};

// The statements of a piece of SQL as the engine's parser reads them.
class StatementTrees {
 public:
  explicit StatementTrees(std::string_view sql);
  // The nodes point into parser_'s document.
  StatementTrees(const StatementTrees&) = delete;
  StatementTrees& operator=(const StatementTrees&) = delete;

  const std::optional<std::string>& error() const { return error_; }
  const std::vector<ParsedStatement>& statements() const { return statements_; }

 private:
  simdjson::dom::parser parser_;
  std::vector<ParsedStatement> statements_;
  std::optional<std::string> error_;
};

}  // namespace miglint::db_test
