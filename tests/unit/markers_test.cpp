// Runner directives written as comments: goose, dbmate and miglint markers.

#include "layouts/markers.hpp"
#include "parse/tokens.hpp"

#include <doctest/doctest.h>

#include <string>

namespace miglint::test {

namespace {

// The marker kind as a word, or "none", for readable failures.
std::string kind_of(std::string_view comment, Layout layout) {
  auto marker = parse_marker(comment, layout);
  if (!marker) return "none";
  switch (marker->kind) {
    case Marker::Up: return "up";
    case Marker::Down: return "down";
    case Marker::StatementBegin: return "statement-begin";
    case Marker::StatementEnd: return "statement-end";
    case Marker::NoTransaction: return "no-transaction";
  }
  return "?";
}

std::optional<Layout> detect(const std::string& text) { return detect_marker_layout(text, scan(text).tokens); }

}  // namespace

TEST_CASE("parse_marker: goose directives") {
  CHECK(kind_of("+goose Up", Layout::Goose) == "up");
  CHECK(kind_of("+goose Down", Layout::Goose) == "down");
  CHECK(kind_of("+goose up", Layout::Goose) == "up");
  CHECK(kind_of("+goose DOWN", Layout::Goose) == "down");
  CHECK(kind_of("+goose StatementBegin", Layout::Goose) == "statement-begin");
  CHECK(kind_of("+goose StatementEnd", Layout::Goose) == "statement-end");
  CHECK(kind_of("+goose statementend", Layout::Goose) == "statement-end");
  CHECK(kind_of("+goose NO TRANSACTION", Layout::Goose) == "no-transaction");
  // Words after the direction do not matter.
  CHECK(kind_of("+goose Up -- create the table", Layout::Goose) == "up");
  CHECK(kind_of("+goose envsub on", Layout::Goose) == "none");
  CHECK(kind_of("+goose", Layout::Goose) == "none");
  CHECK(kind_of("goose Up", Layout::Goose) == "none");
  CHECK(kind_of("+gooseUp", Layout::Goose) == "none");
  CHECK(kind_of("Up", Layout::Goose) == "none");
  CHECK(kind_of("migrate:up", Layout::Goose) == "none");
}

TEST_CASE("parse_marker: dbmate directives and transaction:false") {
  CHECK(kind_of("migrate:up", Layout::Dbmate) == "up");
  CHECK(kind_of("migrate:down", Layout::Dbmate) == "down");
  CHECK_FALSE(parse_marker("migrate:up", Layout::Dbmate)->no_transaction);
  CHECK(parse_marker("migrate:up transaction:false", Layout::Dbmate)->no_transaction);
  CHECK(parse_marker("migrate:down transaction:false", Layout::Dbmate)->no_transaction);
  CHECK_FALSE(parse_marker("migrate:up transaction:true", Layout::Dbmate)->no_transaction);
  CHECK(parse_marker("migrate:up\ttransaction:false", Layout::Dbmate)->no_transaction);
  CHECK(kind_of("migrate:upgrade", Layout::Dbmate) == "none");
  CHECK(kind_of("migrate", Layout::Dbmate) == "none");
  CHECK(kind_of("+goose Up", Layout::Dbmate) == "none");
  CHECK(kind_of("UP", Layout::Dbmate) == "none");
}

TEST_CASE("parse_marker: miglint's own markers") {
  CHECK(kind_of("UP", Layout::Miglint) == "up");
  CHECK(kind_of("up", Layout::Miglint) == "up");
  CHECK(kind_of("DOWN", Layout::Miglint) == "down");
  CHECK(kind_of("miglint:no-transaction", Layout::Miglint) == "no-transaction");
  CHECK(kind_of("UP migration", Layout::Miglint) == "none");
  CHECK(kind_of("upgrade", Layout::Miglint) == "none");
  CHECK(kind_of("+goose Up", Layout::Miglint) == "none");
}

TEST_CASE("parse_marker: layouts without markers read none") {
  for (Layout layout : {Layout::UpDownFiles, Layout::Flyway, Layout::Prisma, Layout::Sqitch, Layout::Plain}) {
    INFO(to_string(layout));
    CHECK(kind_of("UP", layout) == "none");
    CHECK(kind_of("+goose Up", layout) == "none");
    CHECK(kind_of("migrate:up", layout) == "none");
  }
}

TEST_CASE("detect_marker_layout: the first up marker names the runner") {
  CHECK(detect("-- +goose Up\nCREATE TABLE t (id int);\n-- +goose Down\nDROP TABLE t;\n") == Layout::Goose);
  CHECK(detect("-- migrate:up\nCREATE TABLE t (id int);\n-- migrate:down\n") == Layout::Dbmate);
  CHECK(detect("-- migrate:up transaction:false\nCREATE INDEX CONCURRENTLY i ON t (x);\n") == Layout::Dbmate);
  CHECK(detect("-- UP\nCREATE TABLE t (id int);\n-- DOWN\nDROP TABLE t;\n") == Layout::Miglint);
  CHECK(detect("--UP\r\nSELECT 1;\r\n") == Layout::Miglint);
  // Comments before the marker are fine.
  CHECK(detect("-- Adds the jobs table.\n\n-- +goose Up\nSELECT 1;\n") == Layout::Goose);
  // The earliest up marker wins.
  CHECK(detect("-- migrate:up\nSELECT 1;\n-- UP\n") == Layout::Dbmate);
}

TEST_CASE("detect_marker_layout: no up marker, no layout") {
  CHECK_FALSE(detect("CREATE TABLE t (id int);\n"));
  CHECK_FALSE(detect(""));
  CHECK_FALSE(detect("-- +goose Down\nDROP TABLE t;\n"));
  CHECK_FALSE(detect("-- migrate:down\n"));
  CHECK_FALSE(detect("-- +goose StatementBegin\nSELECT 1;\n-- +goose StatementEnd\n"));
  // Only line comments are markers: not block comments, not strings.
  CHECK_FALSE(detect("/* +goose Up */\nSELECT 1;\n"));
  CHECK_FALSE(detect("SELECT '-- +goose Up';\n"));
  CHECK_FALSE(detect("SELECT $$\n-- migrate:up\n$$;\n"));
  CHECK_FALSE(detect("-- update the users\nUPDATE users SET x = 1 WHERE id = 2;\n"));
}

}  // namespace miglint::test

namespace miglint::test {

TEST_CASE("markers: only a comment that starts its line is a marker") {
  CHECK(detect("CREATE TABLE t (id int); -- +goose Up\n") == std::nullopt);
  CHECK(detect("  -- +goose Up\nCREATE TABLE t (id int);\n") == Layout::Goose);
  std::string text = "SELECT 1; -- +goose Down\n";
  auto tokens = scan(text).tokens;
  REQUIRE(tokens.size() == 4);  // SELECT 1 ; comment
  REQUIRE(tokens.back().is_line_comment());
  CHECK_FALSE(marker_at(text, tokens.back(), Layout::Goose).has_value());
}

TEST_CASE("markers: text after a second -- is a remark on the marker") {
  CHECK(kind_of("DOWN -- nothing to undo", Layout::Miglint) == "down");
  CHECK(kind_of("+goose Down -- why", Layout::Goose) == "down");
  CHECK(kind_of("DOWN the hill", Layout::Miglint) == "none");
}

}  // namespace miglint::test
