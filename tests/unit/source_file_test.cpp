// SourceFile: byte offsets to the line and column an editor shows.

#include "source/source_file.hpp"

#include <doctest/doctest.h>

#include <string>

namespace miglint::test {

namespace {

Position at(const SourceFile& file, std::string_view needle) {
  std::size_t offset = file.text().find(needle);
  REQUIRE_MESSAGE(offset != std::string::npos, "not in the text: " << needle);
  return file.position(offset);
}

}  // namespace

TEST_CASE("source file: lines and columns are 1-based") {
  SourceFile file("m.sql", "SELECT 1;\nSELECT 2;\n");
  CHECK(file.path() == "m.sql");
  CHECK(file.content_begin() == 0);
  CHECK(file.position(0) == Position{1, 1});
  CHECK(file.position(7) == Position{1, 8});
  CHECK(file.position(9) == Position{1, 10});  // the newline itself ends line 1
  CHECK(file.position(10) == Position{2, 1});
  CHECK(at(file, "2;") == Position{2, 8});
  CHECK(file.line_text(1) == "SELECT 1;");
  CHECK(file.line_text(2) == "SELECT 2;");
}

TEST_CASE("source file: CRLF line endings") {
  SourceFile file("m.sql", "-- a\r\nSELECT 1;\r\n  CREATE INDEX i ON t (x);\r\n");
  CHECK(at(file, "SELECT") == Position{2, 1});
  CHECK(at(file, "CREATE") == Position{3, 3});
  CHECK(at(file, "(x)") == Position{3, 23});
  CHECK(file.line_text(1) == "-- a");
  CHECK(file.line_text(2) == "SELECT 1;");
  CHECK(file.line_text(3) == "  CREATE INDEX i ON t (x);");
  // The text after the last line ending is an empty last line.
  CHECK(file.line_text(4) == "");
  CHECK(file.position(file.text().size()) == Position{4, 1});
}

TEST_CASE("source file: a UTF-8 byte order mark is blanked and skipped") {
  SourceFile file("m.sql", "\xEF\xBB\xBFSELECT 1;\nSELECT 2;\n");
  CHECK(file.content_begin() == 3);
  // Offsets stay file offsets: the mark's bytes are still there, as spaces.
  CHECK(file.text().size() == 23);
  CHECK(file.text().substr(0, 3) == "   ");
  CHECK(file.text().substr(3, 6) == "SELECT");
  CHECK(file.position(3) == Position{1, 1});
  CHECK(file.position(4) == Position{1, 2});
  // An offset inside the mark is clamped to the first character.
  CHECK(file.position(0) == Position{1, 1});
  CHECK(file.position(13) == Position{2, 1});
  CHECK(file.line_text(1) == "SELECT 1;");
  CHECK(file.line_text(2) == "SELECT 2;");
}

TEST_CASE("source file: only a leading byte order mark is special") {
  SourceFile file("m.sql", "SELECT '\xEF\xBB\xBF';\n");
  CHECK(file.content_begin() == 0);
  CHECK(file.text() == "SELECT '\xEF\xBB\xBF';\n");
  CHECK(at(file, "';") == Position{1, 10});
}

TEST_CASE("source file: columns count characters, not bytes") {
  // é and ü are 2 bytes, € is 3, 😀 is 4.
  SourceFile file("m.sql", "-- héllo\nSELECT 'ü€😀' AS x;\n");
  CHECK(at(file, "llo") == Position{1, 6});
  CHECK(at(file, "' AS") == Position{2, 12});
  CHECK(at(file, "x;") == Position{2, 17});
  CHECK(file.line_text(1) == "-- héllo");
  CHECK(file.position(file.text().find('\n')) == Position{1, 9});
}

TEST_CASE("source file: invalid UTF-8 lead bytes count one column each") {
  SourceFile stray("m.sql", "\xFF\xFE" "ab\n");
  CHECK(at(stray, "ab") == Position{1, 3});
  // A lead byte cut short by ASCII.
  SourceFile truncated("m.sql", "x\xC3(y)\n");
  CHECK(at(truncated, "(y") == Position{1, 3});
  CHECK(at(truncated, "y)") == Position{1, 4});
  CHECK(truncated.line_text(1) == "x\xC3(y)");
}

TEST_CASE("source file: a last line without a newline") {
  SourceFile file("m.sql", "SELECT 1;\nSELECT 2;");
  CHECK(at(file, "SELECT 2") == Position{2, 1});
  CHECK(file.position(file.text().size()) == Position{2, 10});
  CHECK(file.line_text(2) == "SELECT 2;");
  CHECK(file.line_text(3) == "");
}

TEST_CASE("source file: offsets past the end are clamped, lines out of range are empty") {
  SourceFile file("m.sql", "ab\ncd");
  CHECK(file.position(1000) == Position{2, 3});
  CHECK(file.line_text(0) == "");
  CHECK(file.line_text(-1) == "");
  CHECK(file.line_text(99) == "");
}

TEST_CASE("source file: empty text, and blank lines") {
  SourceFile empty("m.sql", "");
  CHECK(empty.position(0) == Position{1, 1});
  CHECK(empty.line_text(1) == "");
  CHECK_FALSE(empty.nul_byte().has_value());

  SourceFile blank("m.sql", "\n\n\nx");
  CHECK(at(blank, "x") == Position{4, 1});
  CHECK(blank.line_text(2) == "");
  CHECK(blank.line_text(4) == "x");
}

TEST_CASE("source file: the first NUL byte is recorded") {
  SourceFile file("m.bin", std::string("SELECT\0\0x", 9));
  REQUIRE(file.nul_byte().has_value());
  CHECK(*file.nul_byte() == 6);
  SourceFile text("m.sql", "SELECT 1;");
  CHECK_FALSE(text.nul_byte().has_value());
}

}  // namespace miglint::test

namespace miglint::test {

TEST_CASE("source file: a stray UTF-8 continuation byte counts as one column") {
  SourceFile file("test.sql", "a\x80" "b\n");
  CHECK(file.position(2) == Position{1, 3});
}

}  // namespace miglint::test
