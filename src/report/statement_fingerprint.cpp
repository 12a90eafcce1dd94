#include "report/statement_fingerprint.hpp"

#include "parse/tokens.hpp"
#include "report/fnv1a.hpp"

#include <pg_query.h>

#include <optional>

namespace miglint {

namespace {

// Runs of blanks become one space, so that re-indenting a DO block's body
// keeps its identity; blanks at either end are dropped.
void add_collapsed(Fnv1a& hash, std::string_view text) {
  bool started = false;
  bool blank = false;
  for (char c : text) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') {
      blank = true;
      continue;
    }
    if (blank && started) hash.add(" ");
    hash.add(std::string_view(&c, 1));
    started = true;
    blank = false;
  }
}

// libpg_query's fingerprint of the tree, or nothing when it does not parse.
std::optional<std::string> tree_fingerprint(const std::string& statement) {
  PgQueryFingerprintResult result = pg_query_fingerprint(statement.c_str());
  std::optional<std::string> fingerprint;
  if (!result.error) fingerprint = result.fingerprint_str;
  pg_query_free_fingerprint_result(result);
  return fingerprint;
}

}  // namespace

std::string statement_fingerprint(const std::string& statement) {
  if (statement.empty()) return {};
  std::optional<std::string> tree = tree_fingerprint(statement);
  TokenStream scanned = scan(statement);
  Fnv1a hash;
  hash.add(tree ? *tree : "unparsed");
  constexpr std::string_view kSeparator("\0", 1);
  for (const Token& token : scanned.tokens) {
    if (token.is_comment() || (tree && !token.is_constant())) continue;
    hash.add(kSeparator);
    // TRUE, FALSE and NULL are keywords: their kind, not their letter case.
    if (token.is_constant() && !token.is_literal()) hash.add(std::to_string(token.kind));
    else add_collapsed(hash, std::string_view(statement).substr(token.start, token.end - token.start));
  }
  if (scanned.error) {
    hash.add(kSeparator);
    add_collapsed(hash, std::string_view(statement).substr(scanned.error->offset));
  }
  return hash.hex();
}

}  // namespace miglint
