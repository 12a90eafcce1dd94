// `--format sarif` as GitHub code scanning reads it: valid against the
// SARIF 2.1.0 schema, and meeting the demands GitHub adds to the schema.

#include "support.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <set>

namespace miglint::test {

namespace {

namespace fs = std::filesystem;
using Json = nlohmann::json;

const fs::path kSarifSchema = (kSharedDir / "schemas" / "sarif-2.1.0-rtm.5.json").lexically_normal();

// One migration with a finding of each severity: error, warning and info.
constexpr std::string_view kMixedSeverities =
    "CREATE TABLE invoices (id serial PRIMARY KEY, total integer);\n"  // info: prefer-identity
    "CREATE INDEX orders_total ON orders (total);\n"                    // error: require-concurrent-index
    "UPDATE orders SET total = 0;\n";                                  // warning: unbatched-update


// Runs `miglint check --format sarif <arguments>` from `cwd`; stderr is dropped
// so that the output is stdout alone.
CommandResult run_sarif(const fs::path& cwd, const std::string& arguments) {
  return run("cd '" + cwd.string() + "' && " + kBinary.string() + " check --format sarif " + arguments + " 2>/dev/null");
}

Json sarif_of(const fs::path& cwd, const std::string& arguments) {
  CommandResult result = run_sarif(cwd, arguments);
  REQUIRE((result.exit_code == 0 || result.exit_code == 1));
  return Json::parse(result.out);
}

const Json& results_of(const Json& sarif) { return sarif.at("runs").at(0).at("results"); }

// The schema check's output: empty when the document is valid, else why not.
std::string schema_errors(const fs::path& document) {
  CommandResult result = run(
      "python3 -c 'import json,sys,jsonschema; "
      "jsonschema.Draft4Validator(json.load(open(sys.argv[1]))).validate(json.load(open(sys.argv[2])))' '" +
      kSarifSchema.string() + "' '" + document.string() + "' 2>&1");
  return result.exit_code == 0 ? "" : result.out + " (exit " + std::to_string(result.exit_code) + ")";
}

bool is_relative_uri(const std::string& uri) {
  return !uri.empty() && uri.front() != '/' && uri.find(':') == std::string::npos;
}

std::vector<std::string> fingerprints(const Json& sarif) {
  std::vector<std::string> prints;
  for (const Json& result : results_of(sarif))
    prints.push_back(result.at("partialFingerprints").at("miglintFingerprint/v1").get<std::string>());
  return prints;
}

}  // namespace

TEST_CASE("--format sarif validates against the SARIF 2.1.0 schema") {
  if (!fs::is_regular_file(kSarifSchema)) {
    MESSAGE("../shared/schemas absent: SARIF schema test skipped");
    return;
  }
  // scripts/setup installs both, so their absence is a broken setup, not a skip.
  REQUIRE_MESSAGE(run("python3 -c 'import jsonschema' 2>&1").exit_code == 0,
                  "python3 with jsonschema is missing; run scripts/setup");

  ScratchDir dir;
  dir.write("mixed/0001_mixed.sql", kMixedSeverities);
  for (auto [cwd, input_path] : {std::pair{kSourceDir, "fixtures/examples"}, std::pair{dir.path, "mixed"}}) {
    const char* input = input_path;  // clang 14 cannot capture a structured binding in CAPTURE's lambda
    CAPTURE(input);
    CommandResult result = run_sarif(cwd, input);
    REQUIRE((result.exit_code == 0 || result.exit_code == 1));
    fs::path document = dir.write("out.sarif", result.out);
    CHECK(schema_errors(document) == "");
  }

  // The check itself can fail: a document missing a required property.
  CHECK(schema_errors(dir.write("broken.sarif", R"({"version": "2.1.0"})")) != "");
}

TEST_CASE("--format sarif meets GitHub code scanning's demands beyond the schema") {
  ScratchDir dir;
  dir.write("migrations/0001_mixed.sql", kMixedSeverities);
  for (auto [cwd, input_path] : {std::pair{kSourceDir, "fixtures/examples"}, std::pair{dir.path, "migrations"}}) {
    const char* input = input_path;  // clang 14 cannot capture a structured binding in CAPTURE's lambda
    CAPTURE(input);
    Json sarif = sarif_of(cwd, input);
    const Json& run = sarif.at("runs").at(0);
    CHECK(run.at("columnKind") == "unicodeCodePoints");

    const Json& rules = run.at("tool").at("driver").at("rules");
    CHECK(rules.size() == all_rules().size());
    for (const Json& rule : rules) {
      CAPTURE(rule.at("id"));
      for (const char* field : {"shortDescription", "fullDescription", "help"})
        CHECK(!rule.at(field).at("text").get<std::string>().empty());
      CHECK(!rule.at("help").at("markdown").get<std::string>().empty());
      CHECK(!rule.at("name").get<std::string>().empty());
    }

    std::set<std::string> levels;
    REQUIRE(!results_of(sarif).empty());
    for (const Json& result : results_of(sarif)) {
      CAPTURE(result.dump());
      levels.insert(result.at("level").get<std::string>());
      CHECK(!result.at("message").at("text").get<std::string>().empty());
      CHECK(rules.at(result.at("ruleIndex").get<std::size_t>()).at("id") == result.at("ruleId"));
      const Json& location = result.at("locations").at(0).at("physicalLocation");
      CHECK(is_relative_uri(location.at("artifactLocation").at("uri").get<std::string>()));
      CHECK(location.at("artifactLocation").at("uriBaseId") == "%SRCROOT%");
      const Json& region = location.at("region");
      int start_line = region.at("startLine"), start_column = region.at("startColumn");
      int end_line = region.at("endLine"), end_column = region.at("endColumn");
      CHECK(start_line >= 1);
      CHECK(start_column >= 1);
      CHECK((end_line > start_line || (end_line == start_line && end_column >= start_column)));
    }
    for (const std::string& level : levels) CHECK(std::set<std::string>{"error", "warning", "note"}.contains(level));
    if (cwd == dir.path) CHECK(levels == std::set<std::string>{"error", "warning", "note"});
  }
}

TEST_CASE("--format sarif uris: relative and percent-encoded inside the working directory, file URIs outside") {
  ScratchDir dir;
  dir.write("my migrations/0001 ünïcode.sql", "UPDATE users SET a = 1;\n");
  Json inside = sarif_of(dir.path, "'my migrations'");
  const Json& artifact = results_of(inside).at(0).at("locations").at(0).at("physicalLocation").at("artifactLocation");
  CHECK(artifact.at("uri") == "my%20migrations/0001%20%C3%BCn%C3%AFcode.sql");
  CHECK(artifact.at("uriBaseId") == "%SRCROOT%");

  ScratchDir elsewhere;
  Json outside = sarif_of(elsewhere.path, "'" + (dir.path / "my migrations").string() + "'");
  const Json& absolute = results_of(outside).at(0).at("locations").at(0).at("physicalLocation").at("artifactLocation");
  CHECK(absolute.at("uri").get<std::string>().starts_with("file:///"));
  CHECK(absolute.at("uri").get<std::string>().ends_with("/my%20migrations/0001%20%C3%BCn%C3%AFcode.sql"));
  CHECK(!absolute.contains("uriBaseId"));
}

TEST_CASE("--format sarif fingerprints survive lines added above a finding and tell findings apart") {
  ScratchDir dir;
  constexpr std::string_view kFindings =
      "CREATE INDEX users_email ON users (email);\n"
      "UPDATE users SET a = 1;\n";
  dir.write("0001_x.sql", kFindings);
  std::vector<std::string> before = fingerprints(sarif_of(dir.path, "0001_x.sql"));
  REQUIRE(before.size() >= 2);
  CHECK(std::set<std::string>(before.begin(), before.end()).size() == before.size());

  dir.write("0001_x.sql", "-- a comment\nSELECT 1;\n\n" + std::string(kFindings));
  Json moved = sarif_of(dir.path, "0001_x.sql");
  CHECK(results_of(moved).at(0).at("locations").at(0).at("physicalLocation").at("region").at("startLine") == 4);
  CHECK(fingerprints(moved) == before);
}

TEST_CASE("--format sarif writes the SARIF document alone on standard output") {
  CommandResult result = run_sarif(kSourceDir, "fixtures/examples");
  CHECK((result.exit_code == 0 || result.exit_code == 1));
  CHECK(Json::accept(result.out));
  CHECK(Json::parse(result.out).at("version") == "2.1.0");
}

}  // namespace miglint::test
