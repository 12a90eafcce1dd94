// The CI formats (github, gitlab, junit) carry the same findings as json,
// survive hostile text, and put nothing but their document on stdout.

#include "support.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

namespace miglint::test {

namespace {

std::string miglint(const std::string& arguments) { return kBinary.string() + " " + arguments; }


// Errors, warnings and infos; a placeholder message with quotes and braces;
// a path with ' , : % in it; a syntax error on a line with a quote; binary
// bytes; and one finding repeated on identical lines.
void write_hostile_migrations(const ScratchDir& dir) {
  dir.write("0001_mixed.sql",
            "SET lock_timeout = '5s';\n"
            "CREATE INDEX i ON t (c);\n"
            "ALTER TABLE t ADD COLUMN n varchar(10);\n"
            "CREATE TABLE {{ \"name\" }} (a int);\n");
  dir.write("0002_it's, odd:50%.sql", "SELECT 'a' <& \"b\";\nSELECT 'never closed;\n");
  dir.write("0003_binary.sql", std::string("SELECT 1;\n\x01\x02\xff\xfe<&garbage\x1b", 23));
  dir.write("0004_repeat.sql", "SET lock_timeout = '5s';\nUPDATE users SET a = 1;\nUPDATE users SET a = 1;\n");
}

nlohmann::json json_findings(const std::string& path) {
  return nlohmann::json::parse(run(miglint("check --format json " + path)).out)["findings"];
}

std::string unescape(std::string_view text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '%' && i + 2 < text.size()) {
      out += static_cast<char>(std::stoi(std::string(text.substr(i + 1, 2)), nullptr, 16));
      i += 2;
    } else {
      out += text[i];
    }
  }
  return out;
}

struct GithubCommand {
  std::string command;
  std::map<std::string, std::string> properties;
  std::string message;
};

// "::command k=v,k=v::message", unescaped.
GithubCommand parse_github(const std::string& line) {
  GithubCommand parsed;
  REQUIRE(line.rfind("::", 0) == 0);
  std::size_t space = line.find(' ');
  std::size_t separator = line.find("::", 2);
  REQUIRE(space < separator);
  REQUIRE(separator != std::string::npos);
  parsed.command = line.substr(2, space - 2);
  std::stringstream properties(line.substr(space + 1, separator - space - 1));
  for (std::string property; std::getline(properties, property, ',');) {
    std::size_t equals = property.find('=');
    REQUIRE(equals != std::string::npos);
    parsed.properties[property.substr(0, equals)] = unescape(property.substr(equals + 1));
  }
  parsed.message = unescape(line.substr(separator + 2));
  return parsed;
}

// Prints "testcases failures tests-attribute failures-attribute", then
// each failure's type, or raises if the document is not well-formed.
constexpr const char* kJunitSummary = R"(import sys, xml.etree.ElementTree as ET
root = ET.parse(sys.argv[1]).getroot()
assert root.tag == "testsuites"
suites = root.findall("testsuite")
assert len(suites) == 1 and suites[0].get("name") == "miglint"
cases = suites[0].findall("testcase")
failures = [f for c in cases for f in c.findall("failure")]
print(len(cases), sum(1 for c in cases if c.findall("failure")), suites[0].get("tests"), suites[0].get("failures"))
for f in failures: print(f.get("type"), f.get("message") is not None and f.text is not None)
)";

}  // namespace

TEST_CASE("--format github writes one workflow command per finding that reads back as the json finding") {
  ScratchDir dir;
  write_hostile_migrations(dir);
  std::string given = dir.path.string() + "/";
  nlohmann::json findings = json_findings(given);
  CommandResult result = run(miglint("check --format github " + given));
  CHECK(result.exit_code == 1);
  std::stringstream lines(result.out);
  std::set<std::string> commands;
  std::size_t index = 0;
  for (std::string line; std::getline(lines, line); ++index) {
    REQUIRE(index < findings.size());
    const nlohmann::json& finding = findings[index];
    GithubCommand command = parse_github(line);
    commands.insert(command.command);
    std::string severity = finding["severity"];
    CHECK(command.command == (severity == "info" ? "notice" : severity));
    CHECK(command.properties["file"] == finding["path"].get<std::string>());
    CHECK(command.properties["line"] == std::to_string(finding["line"].get<int>()));
    CHECK(command.properties["col"] == std::to_string(finding["column"].get<int>()));
    CHECK(command.properties["endLine"] == std::to_string(finding["end_line"].get<int>()));
    CHECK(command.properties["endColumn"] == std::to_string(finding["end_column"].get<int>()));
    CHECK(command.properties["title"] == finding["rule"].get<std::string>());
    if (finding["path"].get<std::string>().find("binary") == std::string::npos)
      CHECK(command.message == finding["message"].get<std::string>());
  }
  CHECK(index == findings.size());
  CHECK(commands == std::set<std::string>{"error", "warning", "notice"});
  CHECK(result.out.find("it%27s") == std::string::npos);
  CHECK(result.out.find("it's%2C odd%3A50%25.sql") != std::string::npos);
}

TEST_CASE("--format gitlab is a Code Quality array with every field, 1-based lines and distinct fingerprints") {
  ScratchDir dir;
  write_hostile_migrations(dir);
  nlohmann::json findings = json_findings(dir.path.string());
  CommandResult result = run(miglint("check --format gitlab " + dir.path.string()));
  CHECK(result.exit_code == 1);
  nlohmann::json report = nlohmann::json::parse(result.out);
  REQUIRE(report.is_array());
  REQUIRE(report.size() == findings.size());
  std::set<std::string> fingerprints, severities;
  for (std::size_t i = 0; i < report.size(); ++i) {
    const nlohmann::json& issue = report[i];
    CHECK(issue["check_name"] == findings[i]["rule"]);
    CHECK(issue["location"]["path"] == findings[i]["path"]);
    CHECK(issue["location"]["lines"]["begin"] == findings[i]["line"]);
    CHECK(issue["location"]["lines"]["begin"].get<int>() >= 1);
    CHECK(issue["description"].is_string());
    CHECK(issue["fingerprint"].get<std::string>().size() == 16);
    fingerprints.insert(issue["fingerprint"].get<std::string>());
    severities.insert(issue["severity"].get<std::string>());
  }
  CHECK(fingerprints.size() == report.size());
  CHECK(severities == std::set<std::string>{"critical", "minor", "info"});

  ScratchDir clean;
  clean.write("0001_ok.sql", "SELECT 1;\n");
  CommandResult empty = run(miglint("check --format gitlab " + clean.path.string()));
  CHECK(empty.exit_code == 0);
  CHECK(empty.out == "[]\n");
}

TEST_CASE("--format junit is well-formed XML with a failing test case per file with findings") {
  ScratchDir dir;
  write_hostile_migrations(dir);
  dir.write("0005_clean.sql", "SELECT 1;\n");
  nlohmann::json findings = json_findings(dir.path.string());
  std::set<std::string> files;
  for (const nlohmann::json& finding : findings) files.insert(finding["path"]);
  ScratchDir scratch;
  scratch.write("summary.py", kJunitSummary);
  std::string report = (scratch.path / "report.xml").string();
  CHECK(run(miglint("check --format junit " + dir.path.string() + " > " + report)).exit_code == 1);
  CommandResult summary = run("python3 " + (scratch.path / "summary.py").string() + " " + report + " 2>&1");
  REQUIRE(summary.exit_code == 0);
  std::string counts = std::to_string(files.size());
  std::string expected = counts + " " + counts + " " + counts + " " + counts + "\n";
  for (const nlohmann::json& finding : findings) expected += finding["rule"].get<std::string>() + " True\n";
  CHECK(summary.out == expected);
}

TEST_CASE("the CI formats exit as tty does and write nothing else on stdout") {
  ScratchDir dir;
  write_hostile_migrations(dir);
  ScratchDir clean;
  clean.write("0001_ok.sql", "SELECT 1;\n");
  for (const std::string& path : {dir.path.string(), clean.path.string()}) {
    int tty = run(miglint("check " + path + " > /dev/null")).exit_code;
    for (const char* format : {"github", "gitlab", "junit"}) {
      CAPTURE(format);
      CommandResult result = run(miglint(std::string("check --format ") + format + " " + path));
      CHECK(result.exit_code == tty);
      if (std::string(format) == "github") {
        std::stringstream lines(result.out);
        for (std::string line; std::getline(lines, line);) CHECK(line.rfind("::", 0) == 0);
      }
    }
  }
  CHECK(run(miglint("check --format junit " + clean.path.string())).out.find("tests=\"0\"") != std::string::npos);
}

}  // namespace miglint::test
