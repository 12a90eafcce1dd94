#include "engine/do_blocks.hpp"

#include "engine/node_access.hpp"
#include "parse/parse.hpp"

#include <pg_query.h>

#include <cstring>

namespace miglint {

namespace dom = simdjson::dom;

namespace {

struct Body {
  std::string_view text;
  std::size_t offset = 0;  // in the file
  bool exact = false;      // dollar-quoted: the body is the file's text, byte for byte
};

// DO's body is the "as" argument; its location is the string literal's.
std::optional<Body> body_of(const Node& do_statement, const Statement& statement, const LoadedFile& file) {
  for (Node argument : do_statement.list("args")) {
    std::string_view name = argument.str("defname");
    if (name == "language" && argument.child("arg").string_value() != "plpgsql") return std::nullopt;
    if (name != "as") continue;
    Body body{argument.child("arg").string_value(), statement.parse_base + argument.location(), false};
    std::string_view literal = std::string_view(file.text()).substr(body.offset);
    if (literal.starts_with("$")) {
      body.offset += literal.find('$', 1) + 1;
      body.exact = true;
    } else {
      body.offset += 1;
    }
    return body;
  }
  return std::nullopt;
}

// PL/pgSQL sees the body as a function's: wrap it in one.
std::string as_function(std::string_view body) {
  std::string tag = "$miglint_do$";
  while (body.find(tag) != std::string_view::npos) tag.insert(tag.size() - 1, "_");
  return "CREATE FUNCTION miglint_do() RETURNS void LANGUAGE plpgsql AS " + tag + std::string(body) + tag;
}

class BodyReader {
 public:
  BodyReader(const Body& body, const LoadedFile& file, dom::parser& parser)
      : body_(body), file_(file), parser_(parser) {}

  void visit(dom::element value) {
    if (value.is_array()) {
      for (dom::element item : dom::array(value)) visit(item);
      return;
    }
    dom::object object;
    if (value.get(object) != simdjson::SUCCESS) return;
    std::string_view kind;
    dom::element inner;
    if (is_node_wrapper(object, kind, inner)) {
      Node statement = NodeAccess::make(inner, kind);
      if (kind == "PLpgSQL_stmt_execsql") add(statement, statement.child("sqlstmt"), false);
      if (kind == "PLpgSQL_stmt_dynexecute") add(statement, statement.child("query"), true);
      object = dom::object(inner);
    }
    for (auto field : object) visit(field.value);
  }

  std::vector<BlockStatement> take() { return std::move(found_); }

 private:
  void add(const Node& statement, const Node& expression, bool execute) {
    std::string_view query = expression.str("query");
    BlockStatement found{locate(query, static_cast<int>(statement.integer("lineno"))), std::string(query), execute};
    if (execute) {
      // EXECUTE of a constant string runs that string: lint it like the rest.
      if (std::optional<std::string> constant = constant_string(query)) {
        found.sql = *constant;
        found.dynamic = false;
        if (body_.exact) found.offset = locate(found.sql, static_cast<int>(statement.integer("lineno")));
      }
    }
    found_.push_back(std::move(found));
  }

  // Where `text` starts in the file: searched for from its line on.
  std::size_t locate(std::string_view text, int line) const {
    std::size_t line_start = 0;
    for (int current = 1; current < line && line_start != std::string_view::npos; ++current)
      line_start = body_.text.find('\n', line_start) == std::string_view::npos
                       ? std::string_view::npos
                       : body_.text.find('\n', line_start) + 1;
    if (line_start == std::string_view::npos) line_start = 0;
    std::size_t at = body_.text.find(text, line_start);
    std::size_t in_body = at == std::string_view::npos ? line_start : at;
    return std::min(body_.offset + in_body, file_.text().size());
  }

  // The value of a PL/pgSQL expression that is a single string constant.
  std::optional<std::string> constant_string(std::string_view expression) {
    ParsedSql parsed("SELECT " + std::string(expression));
    dom::element tree;
    if (parsed.error() || parser_.parse(parsed.json()).get(tree) != simdjson::SUCCESS)
      return std::nullopt;
    dom::element value;
    if (tree.at_pointer("/stmts/0/stmt/SelectStmt/targetList/0/ResTarget/val/A_Const/sval/sval").get(value) !=
        simdjson::SUCCESS)
      return std::nullopt;
    std::string_view text;
    if (value.get(text) != simdjson::SUCCESS) return std::nullopt;
    dom::array targets;
    if (tree.at_pointer("/stmts/0/stmt/SelectStmt/targetList").get(targets) != simdjson::SUCCESS || targets.size() != 1)
      return std::nullopt;
    return std::string(text);
  }

  const Body& body_;
  const LoadedFile& file_;
  dom::parser& parser_;
  std::vector<BlockStatement> found_;
};

}  // namespace

std::vector<BlockStatement> do_block_statements(const Node& do_statement, const Statement& statement,
                                                const LoadedFile& file, dom::parser& parser) {
  std::optional<Body> body = body_of(do_statement, statement, file);
  if (!body) return {};
  std::string function = as_function(body->text);
  PgQueryPlpgsqlParseResult result = pg_query_parse_plpgsql(function.c_str());
  std::vector<BlockStatement> found;
  if (!result.error && result.plpgsql_funcs) {
    // The function tree is read with its own parser: the caller's holds the
    // statement that contains the block.
    dom::parser function_parser;
    dom::element tree;
    if (function_parser.parse(result.plpgsql_funcs, std::strlen(result.plpgsql_funcs)).get(tree) == simdjson::SUCCESS) {
      BodyReader reader(*body, file, parser);
      reader.visit(tree);
      found = reader.take();
    }
  }
  pg_query_free_plpgsql_parse_result(result);
  return found;
}

}  // namespace miglint
