// split_statements: where one statement ends and the next begins.

#include "parse/split.hpp"
#include "parse/tokens.hpp"

#include <doctest/doctest.h>

#include <string>
#include <vector>

namespace miglint::test {

namespace {

struct Piece {
  std::string text;
  bool meta = false;
  auto operator<=>(const Piece&) const = default;
};

std::vector<Piece> pieces(const std::string& sql, const std::vector<StatementSpan>& spans) {
  std::vector<Piece> result;
  for (const StatementSpan& span : spans)
    result.push_back({sql.substr(span.begin, span.end - span.begin), span.psql_meta_command});
  return result;
}

// Splits a whole text the way the engine splits one chunk: when the scanner
// stops early, the unscanned rest joins the last statement.
std::vector<Piece> split(const std::string& sql) {
  TokenStream stream = scan(sql);
  std::size_t unscanned = stream.error ? stream.error->offset : sql.size();
  return pieces(sql, split_statements(sql, stream.tokens, unscanned, sql.size()));
}

std::vector<Piece> statements(std::initializer_list<const char*> texts) {
  std::vector<Piece> result;
  for (const char* text : texts) result.push_back({text, false});
  return result;
}

std::string join(const std::vector<Piece>& items) {
  std::string text;
  for (const Piece& piece : items) text += (piece.meta ? "meta:[" : "[") + piece.text + "]\n";
  return text;
}

#define CHECK_SPLIT(sql, ...) CHECK(join(split(sql)) == join(__VA_ARGS__))

}  // namespace

TEST_CASE("split: statements end at top-level semicolons") {
  CHECK_SPLIT("SELECT 1; SELECT 2;", statements({"SELECT 1", "SELECT 2"}));
  CHECK_SPLIT("CREATE TABLE t (\n  id int,\n  name text\n);\n",
              statements({"CREATE TABLE t (\n  id int,\n  name text\n)"}));
}

TEST_CASE("split: spans are byte offsets of the first and last token") {
  std::string sql = "  SELECT 1 ;\n\tSELECT 2;";
  TokenStream stream = scan(sql);
  auto spans = split_statements(sql, stream.tokens, sql.size(), sql.size());
  REQUIRE(spans.size() == 2);
  CHECK(spans[0].begin == 2);
  CHECK(spans[0].end == 10);
  CHECK(spans[1].begin == 14);
  CHECK(spans[1].end == 22);
  CHECK_FALSE(spans[0].psql_meta_command);
}

TEST_CASE("split: a last statement without a semicolon still counts") {
  CHECK_SPLIT("SELECT 1;\nSELECT 2\n", statements({"SELECT 1", "SELECT 2"}));
  CHECK_SPLIT("SELECT 1", statements({"SELECT 1"}));
}

TEST_CASE("split: empty statements and comment-only text give nothing") {
  CHECK_SPLIT("SELECT 1;;\n;SELECT 2;", statements({"SELECT 1", "SELECT 2"}));
  CHECK(split(";;;").empty());
  CHECK(split("").empty());
  CHECK(split("  \n\t\r\n").empty());
  CHECK(split("-- only a comment\n/* and another; with a semicolon */\n").empty());
  CHECK(split("-- a comment;\n;\n").empty());
}

TEST_CASE("split: semicolons inside strings, quoted names and comments do not end a statement") {
  CHECK_SPLIT("SELECT 'a;b'; SELECT 2;", statements({"SELECT 'a;b'", "SELECT 2"}));
  CHECK_SPLIT("SELECT 'it''s; fine';", statements({"SELECT 'it''s; fine'"}));
  CHECK_SPLIT("SELECT E'\\';x';", statements({"SELECT E'\\';x'"}));
  CHECK_SPLIT("CREATE TABLE \"a;b\" (id int);", statements({"CREATE TABLE \"a;b\" (id int)"}));
  CHECK_SPLIT("SELECT 1 -- not; here\n; /* ; */ SELECT 2;", statements({"SELECT 1", "SELECT 2"}));
  CHECK_SPLIT("SELECT /* a; /* nested; */ b; */ 1;", statements({"SELECT /* a; /* nested; */ b; */ 1"}));
}

TEST_CASE("split: dollar-quoted bodies stay whole") {
  std::string function =
      "CREATE FUNCTION f() RETURNS int AS $$\nBEGIN\n  RETURN 1;\nEND;\n$$ LANGUAGE plpgsql";
  CHECK_SPLIT(function + ";\nSELECT 1;", statements({function.c_str(), "SELECT 1"}));
  std::string tagged = "DO $body$ BEGIN PERFORM $$;$$; RAISE NOTICE 'x;'; END $body$";
  CHECK_SPLIT(tagged + "; SELECT 2", statements({tagged.c_str(), "SELECT 2"}));
}

TEST_CASE("split: CREATE RULE keeps its parenthesised actions whole") {
  std::string rule = "CREATE RULE r AS ON INSERT TO t DO INSTEAD (INSERT INTO a VALUES (1); INSERT INTO b VALUES (2))";
  CHECK_SPLIT(rule + ";\nSELECT 1;", statements({rule.c_str(), "SELECT 1"}));
}

TEST_CASE("split: BEGIN ATOMIC ... END bodies, with CASE ... END inside") {
  std::string function =
      "CREATE FUNCTION f(x int) RETURNS int LANGUAGE sql\nBEGIN ATOMIC\n"
      "  SELECT CASE WHEN x > 0 THEN CASE WHEN x > 9 THEN 2 ELSE 1 END ELSE 0 END;\n  SELECT 2;\nEND";
  CHECK_SPLIT(function + ";\nSELECT 3;", statements({function.c_str(), "SELECT 3"}));
  std::string procedure = "CREATE PROCEDURE p() LANGUAGE sql BEGIN ATOMIC INSERT INTO t VALUES (1); END";
  CHECK_SPLIT(procedure + "; " + procedure + ";", statements({procedure.c_str(), procedure.c_str()}));
  // A comment between BEGIN and ATOMIC does not hide the body.
  std::string commented = "CREATE FUNCTION g() RETURNS int LANGUAGE sql BEGIN /* body */ ATOMIC SELECT 1; END";
  CHECK_SPLIT(commented + "; SELECT 4;", statements({commented.c_str(), "SELECT 4"}));
}

TEST_CASE("split: BEGIN and END of a transaction block are statements of their own") {
  CHECK_SPLIT("BEGIN; SELECT CASE WHEN true THEN 1 END; END;",
              statements({"BEGIN", "SELECT CASE WHEN true THEN 1 END", "END"}));
  CHECK_SPLIT("BEGIN;\nCREATE INDEX i ON t (x);\nCOMMIT;", statements({"BEGIN", "CREATE INDEX i ON t (x)", "COMMIT"}));
}

TEST_CASE("split: psql meta-commands run to the end of their line") {
  std::vector<Piece> expected{{"\\set ON_ERROR_STOP on", true},
                              {"SELECT 1", false},
                              {"\\i other.sql", true},
                              {"SELECT 2", false}};
  CHECK_SPLIT("\\set ON_ERROR_STOP on\nSELECT 1;\n  \\i other.sql\nSELECT 2;", expected);
  // CRLF: the carriage return is not part of the command.
  CHECK_SPLIT("\\connect app\r\nSELECT 1;\r\n",
              std::vector<Piece>{{"\\connect app", true}, {"SELECT 1", false}});
  // A meta-command line ends the statement before it.
  CHECK_SPLIT("SELECT 1\n\\gset\nSELECT 2;",
              std::vector<Piece>{{"SELECT 1", false}, {"\\gset", true}, {"SELECT 2", false}});
  // Also after a query on the same line: psql sends the query, then runs the command.
  CHECK_SPLIT("SELECT count(*) AS n FROM t \\gset\nSELECT 2;",
              std::vector<Piece>{{"SELECT count(*) AS n FROM t", false}, {"\\gset", true}, {"SELECT 2", false}});
  // A backslash inside a string is no command.
  CHECK_SPLIT("SELECT E'\n\\\\n';", statements({"SELECT E'\n\\\\n'"}));
}

TEST_CASE("split: after an unterminated quote, the rest of the chunk joins the last statement") {
  std::string sql = "SELECT 1;\nSELECT 'oops;\nSELECT 2;\n";
  TokenStream stream = scan(sql);
  REQUIRE(stream.error.has_value());
  CHECK_SPLIT(sql, statements({"SELECT 1", "SELECT 'oops;\nSELECT 2;\n"}));

  std::string comment = "SELECT 1; /* never closed; SELECT 2;";
  REQUIRE(scan(comment).error.has_value());
  std::vector<Piece> pieces_after_comment = split(comment);
  REQUIRE(pieces_after_comment.size() == 2);
  CHECK(pieces_after_comment[0].text == "SELECT 1");
  CHECK(pieces_after_comment[1].text.ends_with("SELECT 2;"));

  // The scanner failing at the very start leaves one statement: the whole chunk.
  std::string dollar = "DO $$ BEGIN; SELECT 1;";
  REQUIRE(scan(dollar).error.has_value());
  std::vector<Piece> pieces_after_dollar = split(dollar);
  REQUIRE(pieces_after_dollar.size() == 1);
  CHECK(pieces_after_dollar[0].text.starts_with("DO"));
  CHECK(pieces_after_dollar[0].text.ends_with("SELECT 1;"));
}

TEST_CASE("split: a chunk is split on its own tokens only") {
  // As for a goose StatementBegin/End block: the chunk "B; C" of "A; B; C; D;".
  std::string sql = "SELECT 'a'; SELECT 'b'; SELECT 'c'; SELECT 'd';";
  TokenStream stream = scan(sql);
  std::size_t begin = sql.find("SELECT 'b'"), end = sql.find("SELECT 'd'");
  std::vector<Token> chunk;
  for (const Token& token : stream.tokens)
    if (token.start >= begin && token.start < end) chunk.push_back(token);
  CHECK(join(pieces(sql, split_statements(sql, chunk, end, end))) == join(statements({"SELECT 'b'", "SELECT 'c'"})));
}

}  // namespace miglint::test
