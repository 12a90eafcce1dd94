// Where miglint runs besides a shell: the pre-commit hook, run by the real
// pre-commit; and the GitHub Action, whose metadata is read with python3-yaml
// and whose shell steps run here as the Actions runner would run them.

#include "support.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <filesystem>
#include <iterator>
#include <map>
#include <regex>
#include <vector>

namespace miglint::test {

namespace {

namespace fs = std::filesystem;
using Json = nlohmann::json;
using Values = std::map<std::string, std::string>;

// `text` as one word for /bin/sh, whatever it holds.
std::string shell_quoted(const std::string& text) {
  std::string quoted = "'";
  for (char c : text) quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return quoted + "'";
}

std::string with_binary_on_path() { return "PATH=" + shell_quoted(kBinary.parent_path().string()) + ":\"$PATH\""; }

std::size_t occurrences(const std::string& text, const std::string& part) {
  std::size_t count = 0;
  for (std::size_t at = text.find(part); at != std::string::npos; at = text.find(part, at + part.size())) ++count;
  return count;
}

// Group 1 of every match of `pattern` in `text`.
std::vector<std::string> captures(const std::string& text, const std::regex& pattern) {
  std::vector<std::string> found;
  for (auto it = std::sregex_iterator(text.begin(), text.end(), pattern); it != std::sregex_iterator(); ++it)
    found.push_back((*it)[1]);
  return found;
}

// The tty reports in `text`, counted by the summary line that closes each.
std::size_t reports(const std::string& text) {
  std::regex summary(R"(\d+ files?, \d+ migrations?, \d+ statements?\.)");
  return std::distance(std::sregex_iterator(text.begin(), text.end(), summary), std::sregex_iterator());
}

// A project repository and a hook repository holding this checkout's
// .pre-commit-hooks.yaml as it is now, committed or not, so that the test
// needs neither a commit nor a git checkout of miglint itself.
class PreCommitSandbox {
 public:
  PreCommitSandbox() {
    fs::create_directories(dir_.path / "hooks");
    fs::create_directories(dir_.path / "project");
    fs::copy_file(kSourceDir / ".pre-commit-hooks.yaml", dir_.path / "hooks" / ".pre-commit-hooks.yaml");
    REQUIRE(shell("cd hooks && git init -q && git add . && git commit -q -m hooks").exit_code == 0);
    REQUIRE(shell("cd project && git init -q").exit_code == 0);
  }

  void stage(const std::string& path, std::string_view text) {
    dir_.write("project/" + path, text);
    REQUIRE(shell("cd project && git add " + shell_quoted(path)).exit_code == 0);
  }

  // Runs the hook on every staged file, as `pre-commit run --all-files` would.
  CommandResult run_hook() { return shell("cd project && pre-commit try-repo ../hooks miglint --all-files 2>&1"); }

 private:
  // Git and pre-commit see only the sandbox: its own home, cache and identity.
  CommandResult shell(const std::string& command) {
    const std::string root = dir_.path.string();
    return run("cd " + shell_quoted(root) + " && export HOME=" + shell_quoted(root) +
               " PRE_COMMIT_HOME=" + shell_quoted(root + "/pre-commit-cache") + " GIT_CONFIG_NOSYSTEM=1" +
               " GIT_AUTHOR_NAME=miglint GIT_AUTHOR_EMAIL=miglint@example.com" +
               " GIT_COMMITTER_NAME=miglint GIT_COMMITTER_EMAIL=miglint@example.com " + with_binary_on_path() +
               " && " + command);
  }

  ScratchDir dir_;
};

bool pre_commit_present() {
  if (run("command -v pre-commit && command -v git").exit_code == 0) return true;
  MESSAGE("pre-commit or git absent: pre-commit hook tests skipped");
  return false;
}

}  // namespace

TEST_CASE("the pre-commit hook fails on a migration that blocks writes, in one report") {
  if (!pre_commit_present()) return;
  PreCommitSandbox sandbox;
  // Eight files: enough for pre-commit to split the list across CPUs, had
  // the hook not asked for one run.
  for (std::string version : {"0001", "0002", "0003"}) {
    sandbox.stage("migrations/" + version + "_t.up.sql", "CREATE TABLE t" + version + " (id bigint PRIMARY KEY);\n");
    sandbox.stage("migrations/" + version + "_t.down.sql", "DROP TABLE t" + version + ";\n");
  }
  sandbox.stage("migrations/0004_index.up.sql", "CREATE INDEX users_email ON users (email);\n");
  sandbox.stage("migrations/0004_index.down.sql", "DROP INDEX users_email;\n");

  CommandResult hook = sandbox.run_hook();
  CAPTURE(hook.out);
  CHECK(hook.exit_code == 1);
  CHECK(occurrences(hook.out, "[require-concurrent-index]") == 1);
  CHECK(reports(hook.out) == 1);
}

TEST_CASE("the pre-commit hook passes a migration that builds its index concurrently") {
  if (!pre_commit_present()) return;
  PreCommitSandbox sandbox;
  sandbox.stage("migrations/0001_x.sql", "CREATE INDEX CONCURRENTLY users_email ON users (email);\n");

  CommandResult hook = sandbox.run_hook();
  CAPTURE(hook.out);
  CHECK(hook.exit_code == 0);
  CHECK(std::regex_search(hook.out, std::regex(R"(miglint\.+Passed)")));  // not Skipped: the hook saw the file
}

namespace {

bool yaml_present() {
  if (run("python3 -c 'import yaml' 2>/dev/null").exit_code == 0) return true;
  MESSAGE("python3-yaml absent: GitHub Action tests skipped");
  return false;
}

Json yaml_file(const fs::path& relative) {
  CommandResult result =
      run("python3 -c 'import json, sys, yaml; json.dump(yaml.safe_load(open(sys.argv[1])), sys.stdout)' " +
          shell_quoted((kSourceDir / relative).string()));
  REQUIRE(result.exit_code == 0);
  return Json::parse(result.out);
}

const Json& step_named(const Json& action, const std::string& name) {
  const Json& steps = action.at("runs").at("steps");
  auto step = std::find_if(steps.begin(), steps.end(), [&](const Json& s) { return s.value("name", "") == name; });
  REQUIRE_MESSAGE(step != steps.end(), "action.yml has no step named " << name);
  return *step;
}

// Runs one `run:` step of action.yml the way the runner does for `shell:
// bash`, from `workspace`, with the step's `env:` evaluated: `inputs` over
// the declared defaults, and `check_exit_code` for the check step's output.
CommandResult run_step(const Json& action, const std::string& name, const fs::path& workspace, const Values& inputs,
                       const std::string& check_exit_code = "") {
  const Json& step = step_named(action, name);
  REQUIRE(step.at("shell") == "bash");
  std::string environment;
  const Json env = step.value("env", Json::object());
  for (const auto& [variable, expression] : env.items()) {
    std::smatch input;
    std::string text = expression.get<std::string>();
    std::string value;
    if (std::regex_match(text, input, std::regex(R"(\$\{\{ inputs\.([\w-]+) \}\})"))) {
      std::string input_name = input[1];
      const Json& declared = action.at("inputs").at(input_name);
      value = inputs.contains(input_name) ? inputs.at(input_name) : declared.value("default", "");
    } else if (text == "${{ steps.check.outputs.exit-code }}") {
      value = check_exit_code;
    } else {
      FAIL("the test cannot evaluate " << text);
    }
    environment += " " + variable + "=" + shell_quoted(value);
  }
  ScratchDir scripts;
  fs::path script = scripts.write("step.sh", step.at("run").get<std::string>());
  return run("cd " + shell_quoted(workspace.string()) + " && env GITHUB_OUTPUT=" +
             shell_quoted((workspace / "github-output").string()) + environment + " " + with_binary_on_path() +
             " bash --noprofile --norc -eo pipefail " + shell_quoted(script.string()) + " 2>&1");
}

// A workspace as a checkout leaves it, holding a copy of fixtures/examples.
struct Workspace : ScratchDir {
  Workspace() {
    fs::create_directories(path / "fixtures");
    fs::copy(kSourceDir / "fixtures/examples", path / "fixtures/examples", fs::copy_options::recursive);
  }
  std::string github_output() const { return read_text(path / "github-output"); }
};

}  // namespace

TEST_CASE("action.yml: a composite action whose scripts exist and whose inputs never become shell code") {
  if (!yaml_present()) return;
  Json action = yaml_file("action.yml");
  CHECK(action.at("runs").at("using") == "composite");

  std::size_t scripts = 0;
  for (const Json& step : action.at("runs").at("steps")) {
    if (!step.contains("run")) continue;
    std::string text = step.at("run");
    CAPTURE(text);
    CHECK(step.contains("shell"));  // a composite action's run step needs one
    // An expression is spliced into the script before bash sees it. Inputs
    // must come through `env:`; github.action_path names the host's path, not
    // the container's.
    CHECK(text.find("${{") == std::string::npos);
    for (const std::string& script : captures(text, std::regex(R"(\$GITHUB_ACTION_PATH/(scripts/[\w./-]+))"))) {
      CHECK_MESSAGE(fs::is_regular_file(kSourceDir / script), script);
      ++scripts;
    }
  }
  CHECK(scripts > 0);

  for (const std::string& input : captures(action.at("runs").at("steps").dump(), std::regex(R"(inputs\.([\w-]+))")))
    CHECK_MESSAGE(action.at("inputs").contains(input), "undeclared input " << input);

  const Json& upload = step_named(action, "Upload to code scanning");
  CHECK(upload.at("uses").get<std::string>().starts_with("github/codeql-action/upload-sarif@"));
  CHECK(upload.at("with").at("sarif_file") == "${{ inputs.sarif-file }}");
  CHECK(upload.at("with").at("category") == "miglint");
}

TEST_CASE("the example workflow runs this repository's action on fixtures/examples in Debian 12") {
  if (!yaml_present()) return;
  Json workflow = yaml_file(".github/workflows/miglint-example.yml");
  std::size_t uses = 0;
  for (const auto& item : workflow.at("jobs").items()) {
    const Json& job = item.value();
    for (const Json& step : job.at("steps")) {
      if (step.value("uses", "") != "./") continue;
      ++uses;
      CAPTURE(item.key());
      CHECK(job.at("container").at("image") == "debian:bookworm");
      CHECK(job.at("permissions").at("security-events") == "write");
      CHECK(fs::is_directory(kSourceDir / step.at("with").at("paths").get<std::string>()));
    }
  }
  CHECK(uses == 1);
}

TEST_CASE("the action's check step writes SARIF and records miglint's exit code instead of failing") {
  if (!yaml_present()) return;
  Json action = yaml_file("action.yml");

  Workspace workspace;
  CommandResult check = run_step(action, "Check migrations", workspace.path, {{"paths", "fixtures/examples"}});
  CAPTURE(check.out);
  REQUIRE(check.exit_code == 0);
  CHECK(workspace.github_output() == "exit-code=1\n");
  CHECK(check.out.find("error[require-concurrent-index]") != std::string::npos);  // the report in the log

  Json sarif = Json::parse(read_text(workspace.path / "miglint.sarif"));
  CHECK(sarif.at("version") == "2.1.0");
  const Json& results = sarif.at("runs").at(0).at("results");
  REQUIRE(!results.empty());
  for (const Json& result : results) {
    const Json& artifact = result.at("locations").at(0).at("physicalLocation").at("artifactLocation");
    CHECK(artifact.at("uri").get<std::string>().starts_with("fixtures/examples/"));
  }

  // A path that matches nothing: exit code 2, recorded for the last step to fail on.
  Workspace missing_path;
  REQUIRE(run_step(action, "Check migrations", missing_path.path, {{"paths", "no/such/dir"}}).exit_code == 0);
  CHECK(missing_path.github_output() == "exit-code=2\n");

  // Arguments are words for miglint, never shell code.
  Workspace hostile;
  CommandResult hostile_check =
      run_step(action, "Check migrations", hostile.path,
               {{"paths", "fixtures/examples"}, {"args", "--select $(touch injected) ;touch injected"}});
  CAPTURE(hostile_check.out);
  CHECK(!fs::exists(hostile.path / "injected"));
  CHECK(hostile.github_output() == "exit-code=2\n");

  // `**` reaches any depth when miglint expands it; bash would take it for `*`.
  Workspace nested;
  nested.write("fixtures/examples/later/20240201_001_index_names.sql", "CREATE INDEX users_name ON users (name);\n");
  REQUIRE(run_step(action, "Check migrations", nested.path, {{"paths", "fixtures/**/*.sql"}}).exit_code == 0);
  CHECK(read_text(nested.path / "miglint.sarif").find("fixtures/examples/later/20240201_001_index_names.sql") !=
        std::string::npos);
}

TEST_CASE("the action fails the job on findings at the fail level, and always when miglint could not check") {
  if (!yaml_present()) return;
  Json action = yaml_file("action.yml");
  ScratchDir workspace;
  struct Case {
    const char* exit_code;
    const char* fail_on;
    bool fails;
  };
  for (Case c : {Case{"0", "", false}, Case{"1", "", true}, Case{"1", "error", true}, Case{"1", "never", false},
                 Case{"2", "never", true}, Case{"2", "", true}}) {
    CAPTURE(c.exit_code);
    CAPTURE(c.fail_on);
    CommandResult verdict =
        run_step(action, "Fail on findings or errors", workspace.path, {{"fail-on", c.fail_on}}, c.exit_code);
    CHECK((verdict.exit_code != 0) == c.fails);
  }
}

}  // namespace miglint::test
