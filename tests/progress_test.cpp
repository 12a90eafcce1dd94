// The progress bar: on standard error, only when that is a terminal and
// more than 200 migrations are linted. script(1) gives the command a
// pseudo-terminal, as a user's shell would.

#include "support.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <cstdio>

namespace miglint::test {

namespace {

bool script_installed() { return run("script --version > /dev/null 2>&1").exit_code == 0; }

// A directory of `count` plain migrations that lint quickly and cleanly.
void write_migrations(const ScratchDir& dir, int count) {
  for (int i = 1; i <= count; ++i) {
    char name[32];
    std::snprintf(name, sizeof name, "%04d_m.sql", i);
    dir.write(name, "SELECT 1;\n");
  }
}

constexpr std::size_t kColumns = 100;

// `arguments` for miglint, run with a terminal kColumns wide for standard
// output and error; returns what the terminal showed.
CommandResult on_terminal(const std::string& arguments, const std::string& term = "xterm") {
  std::string command = "stty cols " + std::to_string(kColumns) + "; " + kBinary.string() + " " + arguments;
  return run("TERM=" + term + " script -qec '" + command + "' /dev/null < /dev/null");
}

constexpr std::string_view kBarOf201 = "/201 migrations";

}  // namespace

TEST_CASE("a progress bar on a terminal for more than 200 migrations, and none for 200") {
  if (!script_installed()) {
    MESSAGE("absent: script (util-linux) not installed, progress bar test skipped");
    return;
  }
  ScratchDir many, threshold;
  write_migrations(many, 201);
  write_migrations(threshold, 200);

  CommandResult shown = on_terminal("check --format json " + many.path.string());
  CHECK(shown.exit_code == 0);
  std::size_t bar = shown.out.find(kBarOf201);
  REQUIRE(bar != std::string::npos);
  // One column short of the terminal, so that it never wraps.
  std::size_t line_start = shown.out.rfind('\r', bar) + 1;
  CHECK(shown.out[line_start] == '[');
  CHECK(shown.out.find('\r', bar) - line_start == kColumns - 1);
  // The bar is blanked before the report, which starts at the line's start.
  std::size_t report = shown.out.find('{', bar);
  REQUIRE(report != std::string::npos);
  std::size_t blank_start = shown.out.rfind('\r', report - 2);
  CHECK(shown.out[report - 1] == '\r');
  CHECK(shown.out.find_first_not_of(' ', blank_start + 1) == report - 1);

  CommandResult at_threshold = on_terminal("check --format json " + threshold.path.string());
  CHECK(at_threshold.exit_code == 0);
  CHECK(at_threshold.out.find("/200 migrations") == std::string::npos);
}

TEST_CASE("no progress bar when standard error is not a terminal, under --no-progress, or with TERM=dumb") {
  if (!script_installed()) {
    MESSAGE("absent: script (util-linux) not installed, progress bar test skipped");
    return;
  }
  ScratchDir many;
  write_migrations(many, 201);
  std::string path = many.path.string();

  CommandResult piped = run(kBinary.string() + " check " + path + " 2>&1");
  CHECK(piped.exit_code == 0);
  CHECK(piped.out.find("No problems found") != std::string::npos);
  CHECK(piped.out.find(kBarOf201) == std::string::npos);

  CommandResult refused = on_terminal("check --no-progress " + path);
  CHECK(refused.out.find("No problems found") != std::string::npos);
  CHECK(refused.out.find(kBarOf201) == std::string::npos);

  CommandResult dumb = on_terminal("check " + path, "dumb");
  CHECK(dumb.out.find("No problems found") != std::string::npos);
  CHECK(dumb.out.find(kBarOf201) == std::string::npos);
}

TEST_CASE("the progress bar stays on the terminal when the report goes to a file") {
  if (!script_installed()) {
    MESSAGE("absent: script (util-linux) not installed, progress bar test skipped");
    return;
  }
  ScratchDir many, out;
  write_migrations(many, 201);
  std::filesystem::path sarif = out.path / "miglint.sarif";

  CommandResult terminal = on_terminal("check --format sarif " + many.path.string() + " > " + sarif.string());
  CHECK(terminal.exit_code == 0);
  CHECK(terminal.out.find(kBarOf201) != std::string::npos);
  std::string report = read_text(sarif);
  CHECK(report.find(kBarOf201) == std::string::npos);
  CHECK(report.find('\r') == std::string::npos);
  CHECK(nlohmann::json::parse(report)["runs"].size() == 1);
}

}  // namespace miglint::test
