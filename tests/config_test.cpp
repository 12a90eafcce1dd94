// miglint.toml: where it is found, what each key does, how the command line
// combines with it, and a clear exit 2 for every kind of mistake in it.

#include "config/config.hpp"
#include "config/path_glob.hpp"
#include "config/resolve.hpp"
#include "source/placeholders.hpp"
#include "support.hpp"

#include <doctest/doctest.h>

namespace miglint::test {

namespace fs = std::filesystem;

namespace {

constexpr const char* kBlockingIndex = "CREATE INDEX users_email ON users (email);\n";

std::string miglint_in(const fs::path& directory, const std::string& arguments) {
  return "cd '" + directory.string() + "' && " + kBinary.string() + " " + arguments;
}

std::string config_error(const std::string& toml) {
  try {
    parse_config(toml, "miglint.toml");
  } catch (const ConfigError& error) {
    return error.what();
  }
  return "no error";
}

std::vector<std::string> ids_with(const std::string& sql, const Config& config, const std::string& path = "test.sql") {
  ResolvedConfig resolved(config, {});
  CheckSettings settings{resolved.pg_version(), resolved.rules_to_run(), 1, config.placeholders,
                         config.runner_sets_lock_timeout};
  CheckOutcome outcome = check_text(sql, path, Layout::Plain, settings);
  apply_policies(outcome.findings, resolved);
  return rule_ids(outcome);
}

bool contains(const std::vector<std::string>& ids, const std::string& id) {
  return std::find(ids.begin(), ids.end(), id) != ids.end();
}

}  // namespace

TEST_CASE("every kind of mistake in miglint.toml names the file, line and column") {
  CHECK(config_error("selct = []\n") ==
        "miglint.toml:1:1: unknown key \"selct\" (did you mean \"select\"?); valid keys: pg_version, layout, select, "
        "ignore, extend_select, severity, fail_on, per-path, placeholders, runner_sets_lock_timeout");
  CHECK(config_error("\n\nselect = [\"require-concurent-index\"]\n") ==
        "miglint.toml:3:11: unknown rule id \"require-concurent-index\" (did you mean \"require-concurrent-index\"?); "
        "`miglint rules` lists them");
  CHECK(config_error("pg_version = \"15\"\n") == "miglint.toml:1:14: pg_version must be an integer, such as 15, not a string");
  CHECK(config_error("pg_version = 7\n").starts_with("miglint.toml:1:14: pg_version 7 is not a PostgreSQL major version"));
  CHECK(config_error("select = \"require-concurrent-index\"\n").starts_with("miglint.toml:1:10: select must be an array"));
  CHECK(config_error("ignore = [1]\n") == "miglint.toml:1:11: ignore must be a string, not an integer");
  CHECK(config_error("layout = \"flywai\"\n").starts_with("miglint.toml:1:10: unknown layout \"flywai\" (did you mean \"flyway\"?)"));
  CHECK(config_error("fail_on = \"fatal\"\n").starts_with("miglint.toml:1:11: unknown severity \"fatal\""));
  CHECK(config_error("[severity]\ndropping-table = \"loud\"\n").starts_with("miglint.toml:2:18: unknown severity \"loud\""));
  CHECK(config_error("runner_sets_lock_timeout = \"yes\"\n") ==
        "miglint.toml:1:28: runner_sets_lock_timeout must be true or false, not a string");
  CHECK(config_error("[per-path.\"legacy/**\"]\npg_version = 12\n")
            .starts_with("miglint.toml:2:1: unknown key \"pg_version\" in [per-path]; valid keys: select, ignore"));
  CHECK(config_error("per-path = 3\n") == "miglint.toml:1:12: per-path must be a table, not an integer");
  CHECK(config_error("[placeholders]\n\"${schema}\" = 1\n") ==
        "miglint.toml:2:15: a placeholder's replacement must be a string, not an integer");
  CHECK(config_error("select = [\n").starts_with("miglint.toml:1:12: not valid TOML: "));
  CHECK(config_error("pg_version = 15\npg_version = 16\n").starts_with("miglint.toml:2:14: not valid TOML: "));
}

TEST_CASE("a bad config file stops miglint check with exit 2 and its location") {
  ScratchDir dir;
  dir.write("db/miglint.toml", "fail_on = \"warning\"\nignore = [\"no-such-rule\"]\n");
  dir.write("db/0001_index.sql", kBlockingIndex);
  CommandResult result = run(miglint_in(dir.path, "check db 2>&1"));
  CHECK(result.exit_code == 2);
  CHECK(result.out.starts_with("miglint: db/miglint.toml:2:11: unknown rule id \"no-such-rule\""));

  dir.write("db/.miglint.toml", "");
  dir.write("db/miglint.toml", "");
  CommandResult both = run(miglint_in(dir.path, "check db 2>&1"));
  CHECK(both.exit_code == 2);
  CHECK(both.out.find("miglint.toml is in the same directory") != std::string::npos);

  CommandResult missing = run(miglint_in(dir.path, "check --config nowhere.toml db 2>&1"));
  CHECK(missing.exit_code == 2);
  CHECK(missing.out.find("nowhere.toml") != std::string::npos);
}

TEST_CASE("the config nearest each path applies, --config overrides it, --no-config ignores it") {
  ScratchDir dir;
  dir.write("miglint.toml", "ignore = [\"require-concurrent-index\", \"require-lock-timeout\"]\n");
  dir.write("service/db/0001_index.sql", kBlockingIndex);
  dir.write("other/.miglint.toml", "select = [\"require-concurrent-index\"]\nfail_on = \"error\"\n");
  dir.write("other/db/0001_index.sql", kBlockingIndex);
  dir.write("strict.toml", "select = [\"require-lock-timeout\"]\n");

  // From the repository root, from a subdirectory, and by file: the walk up finds the root's file.
  CHECK(run(miglint_in(dir.path, "check service/db --select require-concurrent-index --ignore require-concurrent-index")).exit_code == 0);
  CommandResult root = run(miglint_in(dir.path, "check --format gcc service/db other/db"));
  CHECK(root.exit_code == 1);
  CHECK(root.out.find("service/db/0001_index.sql") == std::string::npos);
  CHECK(root.out.find("other/db/0001_index.sql:1:1: error: [require-concurrent-index]") != std::string::npos);
  CHECK(root.out.find("require-lock-timeout") == std::string::npos);
  CHECK(run(miglint_in(dir.path / "service", "check db/0001_index.sql")).exit_code == 0);

  CommandResult overridden = run(miglint_in(dir.path, "check --format gcc --config strict.toml service/db other/db"));
  CHECK(overridden.out.find("service/db/0001_index.sql:1:29: warning: [require-lock-timeout]") != std::string::npos);
  CHECK(overridden.out.find("[require-concurrent-index]") == std::string::npos);

  CommandResult isolated = run(miglint_in(dir.path, "check --format gcc --no-config service/db"));
  CHECK(isolated.out.find("[require-concurrent-index]") != std::string::npos);
}

TEST_CASE("a list set on the command line and in the config: both are named, and how they combine") {
  ScratchDir dir;
  dir.write("miglint.toml",
            "select = [\"require-concurrent-index\"]\nextend_select = [\"require-statement-timeout\"]\n"
            "ignore = [\"require-lock-timeout\"]\n");
  dir.write("db/0001_index.sql", kBlockingIndex);
  CommandResult result = run(miglint_in(dir.path, "check --format gcc --select dropping-table --ignore unused-suppression db 2>&1"));
  CHECK(result.out.find("miglint: note: --select dropping-table replaces select = [require-concurrent-index] (miglint.toml:1)") !=
        std::string::npos);
  CHECK(result.out.find("miglint: note: --select dropping-table replaces extend_select = [require-statement-timeout] (miglint.toml:2)") !=
        std::string::npos);
  CHECK(result.out.find("miglint: note: --ignore unused-suppression is added to ignore = [require-lock-timeout] (miglint.toml:3)") !=
        std::string::npos);
  CHECK(result.exit_code == 0);

  CommandResult extended = run(miglint_in(dir.path, "check --format gcc --extend-select require-lock-timeout db 2>&1"));
  CHECK(extended.out.find("--extend-select require-lock-timeout is added to select = [require-concurrent-index] (miglint.toml:1)") !=
        std::string::npos);
  // The config's ignore still wins over its own lists, and the command line adds to it.
  CHECK(extended.out.find("[require-lock-timeout]") == std::string::npos);
  CHECK(extended.out.find("[require-concurrent-index]") != std::string::npos);
  CHECK(extended.out.find("[require-statement-timeout]") != std::string::npos);

  CommandResult quiet = run(miglint_in(dir.path, "check --format gcc db 2>&1"));
  CHECK(quiet.out.find("note:") == std::string::npos);
}

TEST_CASE("select, extend_select, ignore and severity decide which findings a file gets, and how severe") {
  Config config;
  CHECK(contains(ids_with(kBlockingIndex, config), "require-concurrent-index"));
  CHECK(!contains(ids_with(kBlockingIndex, config), "require-statement-timeout"));

  config = parse_config("extend_select = [\"require-statement-timeout\"]\n", "miglint.toml");
  CHECK(contains(ids_with(kBlockingIndex, config), "require-concurrent-index"));
  CHECK(contains(ids_with(kBlockingIndex, config), "require-statement-timeout"));

  config = parse_config("select = [\"require-statement-timeout\"]\n", "miglint.toml");
  CHECK(ids_with(kBlockingIndex, config) == std::vector<std::string>{"require-statement-timeout"});

  config = parse_config("ignore = [\"require-concurrent-index\", \"require-lock-timeout\"]\n", "miglint.toml");
  CHECK(ids_with(kBlockingIndex, config).empty());

  config = parse_config("[severity]\nrequire-concurrent-index = \"info\"\n", "miglint.toml");
  ResolvedConfig resolved(config, {});
  CheckOutcome outcome = check_text(kBlockingIndex, "x.sql", Layout::Plain, {15, resolved.rules_to_run(), 1});
  apply_policies(outcome.findings, resolved);
  REQUIRE(!outcome.findings.empty());
  for (const Finding& finding : outcome.findings)
    CHECK(finding.severity == (finding.rule->id == "require-concurrent-index" ? Severity::Info : finding.rule->severity));
}

TEST_CASE("a suppression without a reason becomes an error when the config says so") {
  ScratchDir dir;
  dir.write("db/0001_index.sql", "-- miglint-ignore require-concurrent-index\n" + std::string(kBlockingIndex));
  CHECK(run(miglint_in(dir.path, "check --fail-on error --ignore require-lock-timeout db")).exit_code == 0);
  dir.write("miglint.toml", "[severity]\nsuppression-without-reason = \"error\"\n");
  CommandResult strict = run(miglint_in(dir.path, "check --format gcc --fail-on error --ignore require-lock-timeout db"));
  CHECK(strict.exit_code == 1);
  CHECK(strict.out.find("error: [suppression-without-reason]") != std::string::npos);
}

TEST_CASE("pg_version, layout and fail_on come from the config unless the command line gives them") {
  ScratchDir dir;
  // An enum value added and used in one transaction fails before PostgreSQL 12 only.
  dir.write("db/0001_enum.sql", "-- migrate:up\nALTER TYPE mood ADD VALUE 'meh';\n-- migrate:down\n");
  dir.write("miglint.toml", "pg_version = 11\nlayout = \"dbmate\"\nfail_on = \"error\"\n");
  CommandResult configured = run(miglint_in(dir.path, "check --format json db"));
  CHECK(configured.out.find("\"rule\":\"enum-value-in-transaction\"") != std::string::npos);
  CHECK(run(miglint_in(dir.path, "check --format json --pg-version 12 db")).out.find("enum-value-in-transaction") ==
        std::string::npos);

  dir.write("db/0002_index.sql", "-- migrate:up\nSET lock_timeout = '1s';\n" + std::string(kBlockingIndex) + "-- migrate:down\n");
  dir.write("miglint.toml", "select = [\"require-concurrent-index\"]\n[severity]\nrequire-concurrent-index = \"warning\"\n");
  CHECK(run(miglint_in(dir.path, "check db")).exit_code == 1);
  dir.write("miglint.toml",
            "fail_on = \"error\"\nselect = [\"require-concurrent-index\"]\n[severity]\nrequire-concurrent-index = \"warning\"\n");
  CHECK(run(miglint_in(dir.path, "check db")).exit_code == 0);
  CHECK(run(miglint_in(dir.path, "check --fail-on warning db")).exit_code == 1);
}

TEST_CASE("[per-path] entries change the rules of the files their glob matches, later entries last") {
  ScratchDir dir;
  dir.write("miglint.toml",
            "[per-path.\"legacy/**\"]\nignore = [\"require-concurrent-index\"]\n"
            "[per-path.\"legacy/keep/*.sql\"]\nextend_select = [\"require-concurrent-index\"]\n"
            "[per-path.\"0002_*.sql\"]\nselect = [\"require-statement-timeout\"]\n"
            "[per-path.\"0002_*.sql\".severity]\nrequire-statement-timeout = \"error\"\n");
  dir.write("db/0001_index.sql", kBlockingIndex);
  dir.write("db/0002_index.sql", kBlockingIndex);
  dir.write("legacy/0001_index.sql", kBlockingIndex);
  dir.write("legacy/keep/0001_index.sql", kBlockingIndex);
  CommandResult result = run(miglint_in(dir.path, "check --format gcc db legacy"));
  CHECK(result.out.find("db/0001_index.sql:1:1: error: [require-concurrent-index]") != std::string::npos);
  CHECK(result.out.find("db/0001_index.sql:1:19: warning: [require-statement-timeout]") == std::string::npos);
  CHECK(result.out.find("db/0002_index.sql:1:29: error: [require-statement-timeout]") != std::string::npos);
  CHECK(result.out.find("db/0002_index.sql:1:1: error: [require-concurrent-index]") == std::string::npos);
  CHECK(result.out.find("legacy/0001_index.sql:1:1") == std::string::npos);
  CHECK(result.out.find("legacy/keep/0001_index.sql:1:1: error: [require-concurrent-index]") != std::string::npos);
}

TEST_CASE("globs: * stays in a directory, ** spans directories, a bare name matches at any depth") {
  CHECK(path_matches_glob("legacy/**", "legacy/a/b.sql"));
  CHECK(path_matches_glob("legacy/", "legacy/a.sql"));
  CHECK(path_matches_glob("legacy/*.sql", "legacy/a.sql"));
  CHECK(!path_matches_glob("legacy/*.sql", "legacy/a/b.sql"));
  CHECK(path_matches_glob("**/0001_*.sql", "db/x/0001_a.sql"));
  CHECK(path_matches_glob("0001_*.sql", "db/x/0001_a.sql"));
  CHECK(!path_matches_glob("0001_*.sql", "db/x/0002_a.sql"));
  CHECK(path_matches_glob("db/**/V[0-9]*.sql", "db/V1__a.sql"));
  CHECK(!path_matches_glob("db/*.sql", "other/db/a.sql"));
}

TEST_CASE("placeholders are replaced before parsing, and positions stay those of the file as written") {
  std::string sql = "ALTER TABLE {{ index .Options \"Namespace\" }}.users ADD COLUMN x int NOT NULL;\n"
                    "CREATE INDEX i ON {{index .Options \"Namespace\"}}.users (x);\n";
  Config config;
  CHECK(ids_with(sql, config) == std::vector<std::string>{"template-placeholder", "template-placeholder"});

  config = parse_config("[placeholders]\n'{{ index .Options \"Namespace\" }}' = \"auth\"\n", "miglint.toml");
  ResolvedConfig resolved(config, {});
  CheckOutcome outcome = check_text(sql, "x.sql", Layout::Plain, {15, resolved.rules_to_run(), 1, config.placeholders});
  std::vector<std::string> ids = rule_ids(outcome);
  CHECK(!contains(ids, "template-placeholder"));
  CHECK(contains(ids, "adding-not-null-column"));
  for (const Finding& finding : outcome.findings) {
    if (finding.rule->id != "require-concurrent-index") continue;
    CHECK(finding.start == Position{2, 1});
    CHECK(finding.end.line == 2);
    CHECK(finding.end.column == 59);  // before the written line's semicolon, not the substituted one's
    CHECK(finding.source_line == "CREATE INDEX i ON {{index .Options \"Namespace\"}}.users (x);");
  }

  SubstitutedText substituted = substitute_placeholders("a ${schema}.t ${schemas}", std::vector<Placeholder>{
                                                                                        {"${schema}", "public"},
                                                                                        {"${schemas}", "x"}});
  CHECK(substituted.text == "a public.t x");
  REQUIRE(substituted.replacements.size() == 2);
  CHECK(substituted.replacements[1].original_begin == 14);
}

TEST_CASE("with [placeholders], supabase/auth's templated migrations parse") {
  fs::path auth = kSharedDir / "corpus" / "supabase__auth";
  if (!fs::exists(auth)) {
    MESSAGE("../shared/corpus absent: supabase/auth placeholder test skipped");
    return;
  }
  ScratchDir dir;
  dir.write("miglint.toml", "[placeholders]\n'{{ index .Options \"Namespace\" }}' = \"auth\"\n");
  std::string arguments = "check --format json --config " + (dir.path / "miglint.toml").string() +
                          " --select template-placeholder,syntax-error " + auth.string();
  CommandResult with = run(kBinary.string() + " " + arguments);
  CHECK(with.exit_code == 0);
  CHECK(with.out.find("\"rule\":\"template-placeholder\"") == std::string::npos);
  CHECK(with.out.find("\"rule\":\"syntax-error\"") == std::string::npos);
  CommandResult without = run(kBinary.string() + " check --format json --no-config --select template-placeholder " + auth.string());
  CHECK(without.out.find("\"rule\":\"template-placeholder\"") != std::string::npos);
}

TEST_CASE("runner_sets_lock_timeout: no finding for a missing lock_timeout, unless the migration turns it off") {
  const std::string alter = "ALTER TABLE users ADD COLUMN note text;\n";
  Config config;
  config.choices.select = RuleList{{find_rule("require-lock-timeout")}, {}};
  CHECK(ids_with(alter, config) == std::vector<std::string>{"require-lock-timeout"});
  config.runner_sets_lock_timeout = true;
  CHECK(ids_with(alter, config).empty());
  CHECK(ids_with("SET lock_timeout = 0;\n" + alter, config) == std::vector<std::string>{"require-lock-timeout"});
}

}  // namespace miglint::test
