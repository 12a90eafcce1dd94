#pragma once

#include "engine/loaded.hpp"
#include "parse/split.hpp"

#include <miglint/node.hpp>
#include <miglint/rule.hpp>

#include <simdjson.h>

#include <deque>
#include <functional>
#include <span>
#include <string>

namespace miglint {

// One statement of a section, parsed or not.
struct Statement {
  std::size_t begin = 0;  // file offsets
  std::size_t end = 0;
  // begin and end are the statement's first and last token. Otherwise they
  // are what lies between its terminators, leading comments included.
  bool exact = false;
  // The end is the statement's last token, or close: the `;` that ends it.
  // The last statement of a chunk may be followed by comments instead.
  bool end_exact = false;
  std::size_t parse_base = 0;  // the file offset that tree locations count from
  Node root;                   // empty when it did not parse
  UnparsedStatement unparsed;
  std::size_t unparsed_at = 0;
  std::string message;  // PostgreSQL's, for unparsed.message once the statement stops moving
};

// The first and last token of a statement that is not exact yet.
Statement exact_statement(const Statement& statement, const LoadedFile& file);

// Turns sections into statements and their trees.
//
// A chunk is first parsed whole: libpg_query's own statement boundaries come
// with the tree, and no token is needed. Only a chunk that fails to parse,
// or a file whose comments matter, is scanned, split on its tokens and parsed
// statement by statement, so that each failure is found and the rest linted.
class StatementReader {
 public:
  using Consume = std::function<void(Statement&&)>;

  void read(const Section& section, const Consume& consume);
  // The statements handed out so far are done with: their trees' memory may be reused.
  void recycle() { documents_used_ = 0; }

 private:
  bool read_whole(const LoadedFile& file, const Chunk& chunk, const Consume& consume);
  void read_by_tokens(const LoadedFile& file, const Chunk& chunk, const Consume& consume);
  // A file nobody scanned is scanned here a piece at a time, and its tokens
  // are let go once their statements are read.
  void read_by_pieces(const LoadedFile& file, const Chunk& chunk, const Consume& consume);
  void read_span(const StatementSpan& span, std::span<const Token> tokens, const LoadedFile& file,
                 const Consume& consume);
  void parse_one(Statement& statement, const LoadedFile& file, std::span<const Token> tokens);
  simdjson::dom::document& next_document();

  simdjson::dom::parser parser_;
  std::deque<simdjson::dom::document> documents_;
  std::size_t documents_used_ = 0;
};

}  // namespace miglint
