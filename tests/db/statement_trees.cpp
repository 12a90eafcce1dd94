#include "statement_trees.hpp"

#include "engine/node_access.hpp"
#include "parse/parse.hpp"

#include <cctype>

namespace miglint::db_test {

namespace {

std::string_view without_leading_comments(std::string_view text) {
  while (true) {
    while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front()))) text.remove_prefix(1);
    if (!text.starts_with("--")) return text;
    std::size_t line_end = text.find('\n');
    text.remove_prefix(line_end == std::string_view::npos ? text.size() : line_end);
  }
}

std::string_view without_trailing_semicolon(std::string_view text) {
  auto trim = [&] {
    while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) text.remove_suffix(1);
  };
  trim();
  if (text.ends_with(';')) text.remove_suffix(1);
  trim();
  return text;
}

// libpg_query leaves out fields that are 0.
std::size_t integer_field(simdjson::dom::element object, std::string_view field) {
  std::uint64_t value = 0;
  return object[field].get(value) == simdjson::SUCCESS ? value : 0;
}

}  // namespace

StatementTrees::StatementTrees(std::string_view sql) {
  ParsedSql parsed(sql);
  if (parsed.error()) {
    error_ = parsed.error()->message;
    return;
  }
  simdjson::dom::element tree;
  if (parser_.parse(parsed.json().data(), parsed.json().size()).get(tree) != simdjson::SUCCESS) {
    error_ = "libpg_query's tree is not valid JSON";
    return;
  }
  simdjson::dom::array entries;
  if (tree["stmts"].get(entries) != simdjson::SUCCESS) return;
  for (simdjson::dom::element entry : entries) {
    std::size_t location = integer_field(entry, "stmt_location");
    std::size_t length = integer_field(entry, "stmt_len");
    // The last statement's length is 0: it runs to the end of the input.
    std::string_view text = sql.substr(location, length ? length : std::string_view::npos);
    simdjson::dom::element root;
    if (entry["stmt"].get(root) != simdjson::SUCCESS) continue;
    statements_.push_back({std::string(without_trailing_semicolon(without_leading_comments(text))),
                           NodeAccess::from_value(root)});
  }
}

}  // namespace miglint::db_test
