// --help ends with examples, and every example works when run as printed
// in a project laid out the way the examples assume. Errors say what to do.

#include "scratch_repo.hpp"

#include <doctest/doctest.h>

#include <sstream>

namespace miglint::test {

namespace {

std::string miglint(const std::string& arguments) { return kBinary.string() + " " + arguments; }

// The command lines after "Examples:", comments left out.
std::vector<std::string> example_lines(const std::string& help) {
  std::vector<std::string> lines;
  std::size_t examples = help.find("\nExamples:\n");
  if (examples == std::string::npos) return lines;
  std::istringstream in(help.substr(examples + 11));
  for (std::string line; std::getline(in, line);) {
    line.erase(0, line.find_first_not_of(' '));
    if (!line.empty() && !line.starts_with("#")) lines.push_back(line);
  }
  return lines;
}

bool runs_miglint(const std::string& line) {
  return line.starts_with("miglint ") || line.find("| miglint ") != std::string::npos;
}

// `line` running the miglint under test.
std::string with_binary(std::string line) {
  if (line.starts_with("miglint ")) line.replace(0, 7, kBinary.string());
  if (std::size_t piped = line.find("| miglint "); piped != std::string::npos) line.replace(piped + 2, 7, kBinary.string());
  return line;
}

// A project with the files the examples name: migrations in two layouts
// and a config file, committed, with origin/main where the branch started.
struct ExampleProject : ScratchRepo {
  ExampleProject() {
    write("migrations/0041_create_users.sql", "CREATE TABLE users (id bigint PRIMARY KEY, phone text);\n");
    write("migrations/0042_add_phone.sql", "CREATE INDEX users_phone ON users (phone);\n");
    write("db/migrations/0001_orders.up.sql", "CREATE TABLE orders (id bigint PRIMARY KEY);\n");
    write("db/migrations/0001_orders.down.sql", "DROP TABLE orders;\n");
    write("miglint.toml", "pg_version = 15\n");
    commit_all("base");
    git("update-ref refs/remotes/origin/main HEAD");
  }
};

}  // namespace

TEST_CASE("every --help ends with examples, and every example runs") {
  if (!git_installed()) {
    MESSAGE("absent: git not installed, help examples test skipped");
    return;
  }
  ExampleProject project;
  for (std::string command : {"", "check ", "rules ", "explain "}) {
    CAPTURE(command);
    CommandResult help = run(miglint(command + "--help"));
    CHECK(help.exit_code == 0);
    std::vector<std::string> lines = example_lines(help.out);
    CHECK(!lines.empty());
    for (const std::string& line : lines) {
      CAPTURE(line);
      REQUIRE_MESSAGE(runs_miglint(line), "an example that does not run miglint");
      CommandResult ran = run("cd " + project.path.string() + " && { " + with_binary(line) + "; } 2>&1 >/dev/null");
      CHECK_MESSAGE((ran.exit_code == 0 || ran.exit_code == 1), ran.out);
    }
  }
}

TEST_CASE("the database commands' help ends with examples of that command") {
  for (std::string command : {"apply", "rollback", "status", "baseline", "accept-checksum", "import", "verify", "trace"}) {
    CAPTURE(command);
    CommandResult help = run(miglint(command + " --help"));
    CHECK(help.exit_code == 0);
    std::vector<std::string> lines = example_lines(help.out);
    REQUIRE(!lines.empty());
    for (const std::string& line : lines) CHECK(line.starts_with("miglint " + command + " "));
  }
}

TEST_CASE("an unknown rule id suggests the one meant and says where the list is") {
  std::string examples = (kSourceDir / "fixtures" / "examples").string();
  CommandResult typo = run(miglint("check --select require_concurrent_index " + examples + " 2>&1"));
  CHECK(typo.exit_code == 2);
  CHECK(typo.out.find("unknown rule id 'require_concurrent_index'; valid ids are:\n") != std::string::npos);
  CHECK(typo.out.ends_with("\ndid you mean 'require-concurrent-index'? `miglint rules` describes each rule\n"));

  CommandResult unlike = run(miglint("explain no-such-rule 2>&1"));
  CHECK(unlike.exit_code == 2);
  CHECK(unlike.out.find("did you mean") == std::string::npos);
  CHECK(unlike.out.ends_with("\n`miglint rules` describes each rule\n"));
}

}  // namespace miglint::test
