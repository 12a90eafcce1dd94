// --baseline and --write-baseline: adopting miglint on a repository with a
// history of findings.

#include "report/statement_fingerprint.hpp"
#include "support.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <filesystem>

namespace miglint::test {

namespace {

namespace fs = std::filesystem;

struct Outcome {
  int exit_code = -1;
  std::string out;
  std::string err;
};

// Runs miglint with `arguments` in `directory`, keeping its standard error apart.
Outcome miglint_in(const ScratchDir& scratch, const fs::path& directory, const std::string& arguments) {
  fs::path err = scratch.path / "stderr.txt";
  CommandResult result =
      run("cd '" + directory.string() + "' && " + kBinary.string() + " " + arguments + " 2> '" + err.string() + "'");
  return {result.exit_code, result.out, read_text(err)};
}

std::size_t lines_in(const std::string& text) { return std::count(text.begin(), text.end(), '\n'); }

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

constexpr std::string_view kHistory =
    "SET lock_timeout = '5s';\n"
    "CREATE INDEX users_email ON users (email);\n"
    "UPDATE users SET active = true;\n";

// A repository whose one migration has two findings, and a baseline of them
// at its root.
struct Repository {
  ScratchDir scratch;
  fs::path root = scratch.path;

  Repository() {
    scratch.write("migrations/0001_history.sql", kHistory);
    Outcome written = miglint_in(scratch, root, "check --write-baseline miglint-baseline.json migrations");
    REQUIRE(written.exit_code == 0);
    REQUIRE(contains(written.err, "recorded 2 findings"));
  }

  Outcome check(const std::string& arguments = "migrations") const {
    return miglint_in(scratch, root, "check --format gcc --baseline miglint-baseline.json " + arguments);
  }
};

}  // namespace

TEST_CASE(
    "--write-baseline records every finding in a sorted, indented JSON file, after which --baseline reports none") {
  Repository repository;
  std::string text = read_text(repository.root / "miglint-baseline.json");
  CHECK(text.ends_with("}\n"));
  CHECK(contains(text, "\n  \"entries\": [\n    {\n      \"rule\": "));
  nlohmann::json baseline = nlohmann::json::parse(text);
  CHECK(baseline["version"] == 1);
  CHECK(baseline["tool"]["name"] == "miglint");
  REQUIRE(baseline["entries"].size() == 2);
  const nlohmann::json& first = baseline["entries"][0];
  CHECK(first["rule"] == "require-concurrent-index");
  CHECK(first["path"] == "migrations/0001_history.sql");
  CHECK(first["fingerprint"].get<std::string>().size() == 16);
  CHECK(contains(first["message"].get<std::string>(), "SHARE lock"));
  CHECK(first["line"] == 2);
  CHECK(baseline["entries"][1]["rule"] == "unbatched-update");
  CHECK(baseline["entries"][1]["line"] == 3);
  for (const fs::directory_entry& entry : fs::directory_iterator(repository.root))
    CHECK_MESSAGE(!contains(entry.path().filename().string(), ".tmp"), "left behind: ", entry.path());

  Outcome plain = miglint_in(repository.scratch, repository.root, "check --format gcc migrations");
  CHECK(plain.exit_code == 1);
  CHECK(lines_in(plain.out) == 2);

  Outcome baselined = repository.check();
  CHECK(baselined.exit_code == 0);
  CHECK(baselined.out.empty());
  CHECK(baselined.err.empty());
}

TEST_CASE("a baselined statement still matches after lines are added above it and it is reformatted") {
  Repository repository;
  repository.scratch.write("migrations/0001_history.sql",
                           "-- Added later: a header comment.\n"
                           "\n"
                           "SET lock_timeout = '5s';\n"
                           "\n"
                           "create index\n"
                           "    users_email   -- the login lookup\n"
                           "    on users (email);\n"
                           "UPDATE users\n"
                           "   SET active = /* everyone */ true;\n");
  Outcome outcome = repository.check();
  CHECK(outcome.exit_code == 0);
  CHECK(outcome.out.empty());
  CHECK(outcome.err.empty());
}

TEST_CASE("only a new finding is reported, and only it counts for the exit code") {
  Repository repository;
  repository.scratch.write("migrations/0001_history.sql",
                           std::string(kHistory) + "CREATE INDEX users_name ON users (name);\n");
  repository.scratch.write("migrations/0002_new.sql", "SET lock_timeout = '5s';\nUPDATE accounts SET x = 1;\n");
  Outcome outcome = repository.check("--fail-on error migrations");
  CHECK(outcome.exit_code == 1);
  REQUIRE(lines_in(outcome.out) == 2);
  CHECK(contains(outcome.out, "0001_history.sql:4:1: error: [require-concurrent-index]"));
  CHECK(contains(outcome.out, "0002_new.sql:2:1: warning: [unbatched-update]"));
  CHECK(repository.check("--fail-on error migrations/0002_new.sql").exit_code == 0);
}

TEST_CASE("a statement whose constant changed is a new finding, and its old entry is stale") {
  Repository repository;
  repository.scratch.write("migrations/0001_history.sql",
                           "SET lock_timeout = '5s';\n"
                           "CREATE INDEX users_email ON users (email);\n"
                           "UPDATE users SET active = false;\n");
  Outcome outcome = repository.check();
  CHECK(outcome.exit_code == 1);
  CHECK(lines_in(outcome.out) == 1);
  CHECK(contains(outcome.out, "0001_history.sql:3:1: warning: [unbatched-update]"));
  CHECK(contains(outcome.err, "1 stale entry"));
}

TEST_CASE("identical findings are counted: as many entries absorb as many findings") {
  ScratchDir scratch;
  std::string index = "CREATE INDEX users_email ON users (email);\n";
  scratch.write("migrations/0001_twice.sql", "SET lock_timeout = '5s';\n" + index + index);
  REQUIRE(miglint_in(scratch, scratch.path, "check --write-baseline b.json migrations").exit_code == 0);

  scratch.write("migrations/0001_twice.sql", "SET lock_timeout = '5s';\n" + index + index + index);
  Outcome three = miglint_in(scratch, scratch.path, "check --format gcc --baseline b.json migrations");
  CHECK(three.exit_code == 1);
  CHECK(lines_in(three.out) == 1);
  CHECK(three.err.empty());

  scratch.write("migrations/0001_twice.sql", "SET lock_timeout = '5s';\n" + index);
  Outcome one = miglint_in(scratch, scratch.path, "check --format gcc --baseline b.json migrations");
  CHECK(one.exit_code == 0);
  CHECK(one.out.empty());
  CHECK(contains(one.err, "miglint: baseline b.json: 1 stale entry (a fixed finding); run --write-baseline again"));
  CHECK(contains(one.err, "  migrations/0001_twice.sql:3: [require-concurrent-index] CREATE INDEX on existing table"));
}

TEST_CASE("fixed findings are stale entries, on standard error and in the JSON report") {
  Repository repository;
  repository.scratch.write("migrations/0001_history.sql", "SET lock_timeout = '5s';\n");
  Outcome outcome = miglint_in(repository.scratch, repository.root,
                               "check --format json --baseline miglint-baseline.json migrations");
  CHECK(outcome.exit_code == 0);
  CHECK(contains(outcome.err, "2 stale entries (fixed findings); run --write-baseline again to drop them"));
  CHECK(contains(outcome.err, "  migrations/0001_history.sql:2: [require-concurrent-index] "));
  CHECK(contains(outcome.err, "  migrations/0001_history.sql:3: [unbatched-update] "));
  nlohmann::json report = nlohmann::json::parse(outcome.out);
  CHECK(report["findings"].empty());
  CHECK(report["baseline"]["file"] == "miglint-baseline.json");
  CHECK(report["baseline"]["matched"] == 0);
  REQUIRE(report["baseline"]["stale"].size() == 2);
  CHECK(report["baseline"]["stale"][1] ==
        nlohmann::json::parse(read_text(repository.root / "miglint-baseline.json"))["entries"][1]);
}

TEST_CASE("entries are stale only for the files and rules the run linted") {
  Repository repository;
  repository.scratch.write("migrations/0002_clean.sql", "SELECT 1;\n");
  Outcome other_file = repository.check("migrations/0002_clean.sql");
  CHECK(other_file.exit_code == 0);
  CHECK(other_file.err.empty());

  Outcome other_rule = repository.check("--select require-concurrent-index migrations");
  CHECK(other_rule.exit_code == 0);
  CHECK(other_rule.err.empty());
}

TEST_CASE("baseline paths match from any directory, however the paths are spelled") {
  Repository repository;
  const ScratchDir& scratch = repository.scratch;
  fs::path root = repository.root;
  for (const std::string& arguments :
       std::vector<std::string>{"migrations/", "./migrations", "migrations/../migrations/0001_history.sql",
                                (root / "migrations").string()}) {
    Outcome outcome = repository.check(arguments);
    CHECK_MESSAGE(outcome.exit_code == 0, arguments);
    CHECK_MESSAGE(outcome.out.empty(), arguments);
  }
  Outcome inside = miglint_in(scratch, root / "migrations", "check --format gcc --baseline ../miglint-baseline.json .");
  CHECK(inside.exit_code == 0);
  CHECK(inside.out.empty());
  Outcome above = miglint_in(scratch, root.parent_path(),
                             "check --format gcc --baseline " + (root / "miglint-baseline.json").string() + " " +
                                 (root / "migrations").string());
  CHECK(above.exit_code == 0);
  CHECK(above.out.empty());
}

TEST_CASE("standard input is matched by its --stdin-filename") {
  Repository repository;
  std::string pipe = "cat migrations/0001_history.sql | ";
  CHECK(run("cd '" + repository.root.string() + "' && " + pipe + kBinary.string() +
            " check --baseline miglint-baseline.json --stdin-filename migrations/0001_history.sql - > /dev/null")
            .exit_code == 0);
  Outcome unnamed = repository.check("- < migrations/0001_history.sql");
  CHECK(unnamed.exit_code == 2);
  CHECK(contains(unnamed.err, "--stdin-filename"));
}

TEST_CASE("a statement that does not parse is matched by its tokens") {
  ScratchDir scratch;
  scratch.write("migrations/0001_broken.sql", "SET lock_timeout = '5s';\nCREATE TABEL t (id int);\n");
  REQUIRE(miglint_in(scratch, scratch.path, "check --write-baseline b.json migrations").exit_code == 0);
  scratch.write("migrations/0001_broken.sql", "SET lock_timeout = '5s';\n\n  CREATE   TABEL t -- typo\n (id int);\n");
  Outcome outcome = miglint_in(scratch, scratch.path, "check --format gcc --baseline b.json migrations");
  CHECK(outcome.exit_code == 0);
  CHECK(outcome.out.empty());
  CHECK(outcome.err.empty());
}

TEST_CASE("a statement's fingerprint ignores layout and comments but not names, keywords or constants") {
  std::string index = statement_fingerprint("CREATE INDEX i ON t (c)");
  CHECK(index.size() == 16);
  CHECK(statement_fingerprint("-- why\ncreate  index i\n  on t(c) /* note */;") == index);
  CHECK(statement_fingerprint("CREATE INDEX j ON t (c)") != index);
  CHECK(statement_fingerprint("CREATE UNIQUE INDEX i ON t (c)") != index);
  CHECK(statement_fingerprint("UPDATE t SET a = 1") != statement_fingerprint("UPDATE t SET a = 2"));
  CHECK(statement_fingerprint("UPDATE t SET a = 'x  y'") != statement_fingerprint("UPDATE t SET a = 'xy'"));
  CHECK(statement_fingerprint("UPDATE t SET a = true") != statement_fingerprint("UPDATE t SET a = null"));
  CHECK(statement_fingerprint("UPDATE t SET a = true") == statement_fingerprint("update t set a = TRUE"));
  // libpg_query's fingerprint alone ignores DO blocks' and functions' bodies.
  std::string block = statement_fingerprint("DO $$ BEGIN EXECUTE 'DROP TABLE a'; END $$");
  CHECK(block != statement_fingerprint("DO $$ BEGIN EXECUTE 'DROP TABLE b'; END $$"));
  CHECK(block == statement_fingerprint("DO $$\nBEGIN\n    EXECUTE 'DROP TABLE a';\nEND\n$$"));
  std::string unparsed = statement_fingerprint("CREATE TABEL t (id int)");
  CHECK(unparsed != statement_fingerprint("CREATE TABEL u (id int)"));
  CHECK(unparsed == statement_fingerprint("CREATE   TABEL t -- typo\n(id int)"));
  CHECK(statement_fingerprint("").empty());
}

TEST_CASE("a finding carries the text of its statement when asked, and none for the migration as a whole") {
  const std::string sql = "-- +goose Up\nSET lock_timeout = '5s';\nCREATE INDEX i ON t (c);\n";
  CheckSettings settings = all_rules_settings();
  CHECK(check_text(sql, "x.sql", Layout::Goose, settings).findings.back().statement.empty());
  settings.keep_statement_text = true;
  CheckOutcome outcome = check_text(sql, "x.sql", Layout::Goose, settings);
  REQUIRE(rule_ids(outcome) == std::vector<std::string>{"missing-down", "require-concurrent-index"});
  CHECK(outcome.findings[0].statement.empty());
  CHECK(contains(outcome.findings[1].statement, "CREATE INDEX i ON t (c)"));
  CHECK(!contains(outcome.findings[1].statement, "lock_timeout"));
}

TEST_CASE("a baseline that cannot be used is exit code 2 and a message naming it") {
  Repository repository;
  const ScratchDir& scratch = repository.scratch;
  auto check_with = [&](const std::string& baseline_text) {
    scratch.write("bad.json", baseline_text);
    return miglint_in(scratch, repository.root, "check --baseline bad.json migrations");
  };
  auto entry = [](const std::string& fields) { return R"({"version": 1, "entries": [)" + fields + "]}"; };

  Outcome missing = miglint_in(scratch, repository.root, "check --baseline nowhere.json migrations");
  CHECK(missing.exit_code == 2);
  CHECK(contains(missing.err, "nowhere.json: cannot read the baseline: No such file or directory"));
  CHECK(contains(missing.err, "--write-baseline nowhere.json"));

  Outcome directory = miglint_in(scratch, repository.root, "check --baseline migrations migrations");
  CHECK(directory.exit_code == 2);
  CHECK(contains(directory.err, "migrations: cannot read the baseline"));

  Outcome malformed = check_with("{\n  \"version\": 1,\n  \"entries\": ]\n}\n");
  CHECK(malformed.exit_code == 2);
  CHECK(contains(malformed.err, "miglint: bad.json:3:14: the baseline is not valid JSON: syntax error"));
  CHECK(contains(malformed.err, "--write-baseline"));

  Outcome not_utf8 = check_with("{\"version\": 1, \"entries\": [\"é\xff\"]}");
  CHECK(not_utf8.exit_code == 2);
  CHECK(contains(not_utf8.err, "bad.json:1:30: the baseline is not valid JSON"));  // é is one column, two bytes

  Outcome version = check_with(R"({"version": 2, "entries": []})");
  CHECK(version.exit_code == 2);
  CHECK(contains(version.err, "bad.json: baseline version 2 is not one this miglint reads (1)"));

  Outcome not_object = check_with("[]");
  CHECK(not_object.exit_code == 2);
  CHECK(contains(not_object.err, "bad.json: not a miglint baseline"));

  Outcome no_entries = check_with(R"({"version": 1})");
  CHECK(no_entries.exit_code == 2);
  CHECK(contains(no_entries.err, "bad.json: \"entries\" is missing"));

  Outcome wrong_type = check_with(entry(R"({"rule": "unbatched-update", "path": 3, "fingerprint": ""})"));
  CHECK(wrong_type.exit_code == 2);
  CHECK(contains(wrong_type.err, "bad.json: entries[0]: \"path\" is not a string"));

  Outcome not_an_entry = check_with(entry(R"({"rule": "unbatched-update", "path": "a", "fingerprint": ""}, 7)"));
  CHECK(not_an_entry.exit_code == 2);
  CHECK(contains(not_an_entry.err, "bad.json: entries[1]: not an object"));

  Outcome unknown_rule = check_with(entry(R"({"rule": "no-such-rule", "path": "a", "fingerprint": ""})"));
  CHECK(unknown_rule.exit_code == 2);
  CHECK(contains(unknown_rule.err, "bad.json: entries[0]: unknown rule id \"no-such-rule\""));

  for (const Outcome& outcome : {missing, malformed, version, wrong_type, unknown_rule}) CHECK(outcome.out.empty());
}

TEST_CASE("--baseline with --write-baseline, or a baseline that cannot be written, is exit code 2") {
  Repository repository;
  const ScratchDir& scratch = repository.scratch;
  Outcome both = miglint_in(scratch, repository.root,
                            "check --baseline miglint-baseline.json --write-baseline miglint-baseline.json migrations");
  CHECK(both.exit_code == 2);
  CHECK(contains(both.err,
                 "--baseline and --write-baseline cannot be combined: to refresh miglint-baseline.json, run "
                 "with --write-baseline miglint-baseline.json alone"));

  Outcome unwritable = miglint_in(scratch, repository.root, "check --write-baseline no/such/dir/b.json migrations");
  CHECK(unwritable.exit_code == 2);
  CHECK(contains(unwritable.err, "no/such/dir/b.json: cannot write the baseline: No such file or directory"));
}

}  // namespace miglint::test
