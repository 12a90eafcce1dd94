// The command line as users and CI see it: exit codes, formats, inputs.

#include "support.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>

namespace miglint::test {

namespace {

std::string miglint(const std::string& arguments) { return kBinary.string() + " " + arguments; }

std::string examples() { return (kSourceDir / "fixtures" / "examples").string(); }


}  // namespace

TEST_CASE("exit code 1 when a finding reaches --fail-on, 0 when none does") {
  ScratchDir dir;
  dir.write("0001_index.sql", "SET lock_timeout = '5s';\nCREATE INDEX users_email ON users (email);\n");
  dir.write("0002_backfill.sql", "UPDATE users SET a = 1;\n");
  std::string path = dir.path.string();
  CHECK(run(miglint("check " + path + " > /dev/null")).exit_code == 1);
  CHECK(run(miglint("check --select unbatched-update --fail-on error " + path + " > /dev/null")).exit_code == 0);
  CHECK(run(miglint("check --select unbatched-update --fail-on warning " + path + " > /dev/null")).exit_code == 1);
  CHECK(run(miglint("check --ignore require-concurrent-index,unbatched-update " + path + " > /dev/null")).exit_code == 0);
}

TEST_CASE("exit code 2 and a message naming the input for paths that match nothing") {
  CommandResult missing = run(miglint("check /nonexistent/migrations 2>&1"));
  CHECK(missing.exit_code == 2);
  CHECK(missing.out.find("/nonexistent/migrations") != std::string::npos);

  CommandResult no_match = run(miglint("check '" + examples() + "/*.nothing' 2>&1"));
  CHECK(no_match.exit_code == 2);
  CHECK(no_match.out.find("no files match") != std::string::npos);

  ScratchDir empty;
  CommandResult empty_dir = run(miglint("check " + empty.path.string() + " 2>&1"));
  CHECK(empty_dir.exit_code == 2);
  CHECK(empty_dir.out.find("no .sql files") != std::string::npos);
}

TEST_CASE("an unknown rule id is a usage error that lists the valid ids") {
  CommandResult result = run(miglint("check --select no-such-rule " + examples() + " 2>&1"));
  CHECK(result.exit_code == 2);
  CHECK(result.out.find("no-such-rule") != std::string::npos);
  for (const Rule* rule : all_rules()) CHECK(result.out.find(std::string(rule->meta().id)) != std::string::npos);
}

TEST_CASE("bad options are usage errors, exit code 2") {
  CHECK(run(miglint("check --format xml " + examples() + " 2>/dev/null")).exit_code == 2);
  CHECK(run(miglint("check --pg-version 3 " + examples() + " 2>/dev/null")).exit_code == 2);
  CHECK(run(miglint("check 2>/dev/null")).exit_code == 2);
  CHECK(run(miglint("--help > /dev/null")).exit_code == 0);
}

TEST_CASE("--format json has the documented shape, with paths as given") {
  ScratchDir dir;
  dir.write("0001_x.sql", "SELECT 1;\nSET lock_timeout = '5s';\n  CREATE INDEX i ON t (c);\n");
  std::string given = dir.path.string() + "/";
  CommandResult result = run(miglint("check --format json " + given));
  CHECK(result.exit_code == 1);
  auto report = nlohmann::json::parse(result.out);
  CHECK(report["version"] == 1);
  CHECK(report["tool"]["name"] == "miglint");
  CHECK(report["tool"]["version"].is_string());
  REQUIRE(report["findings"].size() == 1);
  const auto& finding = report["findings"][0];
  CHECK(finding["rule"] == "require-concurrent-index");
  CHECK(finding["severity"] == "error");
  CHECK(finding["path"] == given + "0001_x.sql");
  CHECK(finding["line"] == 3);
  CHECK(finding["column"] == 3);
  CHECK(finding["end_line"] == 3);
  CHECK(finding["end_column"] == 26);
  CHECK(finding["message"].get<std::string>().find("SHARE lock") != std::string::npos);
  CHECK(!finding["help"].get<std::string>().empty());
  CHECK(finding["migration"] == "0001_x");
  CHECK(finding["section"] == "up");
  CHECK(report["summary"] == nlohmann::json{{"files", 1}, {"migrations", 1}, {"statements", 3},
                                             {"errors", 1}, {"warnings", 0}, {"infos", 0}});
}

TEST_CASE("--format gcc writes one line per finding") {
  CommandResult result = run(miglint("check --format gcc " + examples()));
  CHECK(result.exit_code == 1);
  std::size_t lines = std::count(result.out.begin(), result.out.end(), '\n');
  auto report = nlohmann::json::parse(run(miglint("check --format json " + examples())).out);
  CHECK(lines == report["findings"].size());
  CHECK(result.out.find(": error: [require-concurrent-index] ") != std::string::npos);
}

TEST_CASE("tty output shows the source line, the span, the help and a summary, and colour only when asked") {
  ScratchDir dir;
  dir.write("0001_x.sql", "SET lock_timeout = '5s';\nCREATE INDEX i ON t (c);\n");
  std::string path = dir.path.string() + "/0001_x.sql";
  CommandResult plain = run(miglint("check " + path));
  CHECK(plain.out.find(path + ":2:1: error[require-concurrent-index] ") != std::string::npos);
  CHECK(plain.out.find("2 | CREATE INDEX i ON t (c);\n") != std::string::npos);
  CHECK(plain.out.find("  | ^^^^^^^^^^^^^^^^^^^^^^^\n") != std::string::npos);
  CHECK(plain.out.find("= help: ") != std::string::npos);
  CHECK(plain.out.find("Found 1 problem (1 error, 0 warnings, 0 infos) in 1 file, 1 migration, 2 statements.") !=
        std::string::npos);
  CHECK(plain.out.find('\x1b') == std::string::npos);
  CHECK(run(miglint("check --color always " + path)).out.find('\x1b') != std::string::npos);
  CHECK(run("NO_COLOR=1 " + miglint("check " + path)).out.find('\x1b') == std::string::npos);
}

TEST_CASE("- reads standard input, named by --stdin-filename, with its layout detected") {
  std::string goose = "printf -- '-- +goose Up\\nCREATE INDEX i ON t (c);\\n' | ";
  CommandResult result = run(goose + miglint("check --format gcc --stdin-filename db/0001_x.sql -"));
  CHECK(result.exit_code == 1);
  CHECK(result.out.find("db/0001_x.sql:2:1: error: [require-concurrent-index]") != std::string::npos);
  CHECK(result.out.find("db/0001_x.sql:1:1: warning: [missing-down]") != std::string::npos);
}

TEST_CASE("the output does not depend on the number of threads") {
  std::string one = run(miglint("check --format json -j1 " + examples())).out;
  std::string two = run(miglint("check --format json -j2 " + examples())).out;
  std::string eight = run(miglint("check --format json -j8 " + examples())).out;
  CHECK(!one.empty());
  CHECK(one == two);
  CHECK(one == eight);
}

TEST_CASE("bad input gives findings or exit 2, never a crash") {
  ScratchDir dir;
  dir.write("0001_binary.sql", std::string("SELECT 1;\n\0\x01\x02garbage", 20));
  dir.write("0002_utf8.sql", "SELECT '\xff\xfe';\n");
  dir.write("0003_unterminated.sql", "SELECT 'never closed;\nCREATE INDEX i ON t (c);\n");
  dir.write("0004_empty.sql", "");
  dir.write("0005_comment.sql", "/* never closed\n");
  CommandResult result = run(miglint("check --format json " + dir.path.string()));
  CHECK(result.exit_code == 1);
  auto report = nlohmann::json::parse(result.out);
  std::vector<std::pair<std::string, int>> found;
  for (const auto& finding : report["findings"])
    found.emplace_back(std::filesystem::path(finding["path"].get<std::string>()).filename().string(),
                       finding["line"].get<int>());
  CHECK(found == std::vector<std::pair<std::string, int>>{
                     {"0001_binary.sql", 2}, {"0002_utf8.sql", 1}, {"0003_unterminated.sql", 1}, {"0005_comment.sql", 1}});
  for (const auto& finding : report["findings"]) CHECK(finding["rule"] == "syntax-error");
}

}  // namespace miglint::test
