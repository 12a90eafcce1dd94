// `check --changed-since`: a pull request gate lints only what its branch
// added or changed, as git sees it, in the repository of the paths given.

#include "scratch_repo.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <set>

namespace miglint::test {

namespace {

// A golang-migrate pair whose up file always has a finding, so that the
// report names every migration linted.
void write_pair(const ScratchRepo& repo, const std::string& name) {
  repo.write("db/" + name + ".up.sql", "CREATE INDEX " + name.substr(5) + "_idx ON t (c);\n");
  repo.write("db/" + name + ".down.sql", "DROP INDEX " + name.substr(5) + "_idx;\n");
}

std::string miglint(const std::string& arguments) { return kBinary.string() + " " + arguments; }

// The migrations a JSON report has findings for, in order, one space apart.
std::string linted_migrations(const CommandResult& result) {
  nlohmann::json report = nlohmann::json::parse(result.out);
  std::set<std::string> migrations;
  for (const auto& finding : report["findings"])
    migrations.insert(finding["migration"].get<std::string>());
  std::string listed;
  for (const std::string& migration : migrations) listed += (listed.empty() ? "" : " ") + migration;
  return listed;
}

}  // namespace

TEST_CASE("--changed-since lints the migrations added or changed since the branch left the ref") {
  if (!git_installed()) {
    MESSAGE("absent: git not installed, --changed-since test skipped");
    return;
  }
  ScratchRepo repo;
  for (const char* name : {"0001_untouched", "0002_committed_change", "0003_down_only", "0004_deleted", "0005_renamed"})
    write_pair(repo, name);
  repo.write(".gitignore", "db/0009_*\n");
  repo.commit_all("base");
  repo.git("branch feature");
  // Lands on main after the branch left it: the branch did not change it.
  repo.write("db/0001_untouched.up.sql", "CREATE INDEX changed_on_main_idx ON t (c);\n");
  repo.commit_all("main moves on");
  repo.git("checkout -q feature");

  repo.write("db/0002_committed_change.up.sql", "CREATE INDEX committed_idx ON t (c);\n");
  repo.git("rm -q db/0004_deleted.up.sql db/0004_deleted.down.sql");
  repo.git("mv db/0005_renamed.up.sql db/0010_renamed.up.sql");
  repo.git("mv db/0005_renamed.down.sql db/0010_renamed.down.sql");
  write_pair(repo, "0007_committed");
  repo.commit_all("feature work");
  repo.write("db/0003_down_only.down.sql", "DROP INDEX IF EXISTS down_only_idx;\n");
  write_pair(repo, "0006_staged");
  repo.git("add db/0006_staged.up.sql db/0006_staged.down.sql");
  write_pair(repo, "0008_untracked");
  write_pair(repo, "0009_ignored");

  std::string expected = "0002_committed_change 0003_down_only 0006_staged 0007_committed 0008_untracked 0010_renamed";
  std::string db = (repo.path / "db").string();
  CommandResult directory = run(miglint("check --format json --changed-since main " + db));
  CHECK(directory.exit_code == 1);
  CHECK(linted_migrations(directory) == expected);
  CHECK(nlohmann::json::parse(directory.out)["summary"]["migrations"] == 6);

  CommandResult glob = run(miglint("check --format json --changed-since main '" + db + "/*.up.sql'"));
  CHECK(linted_migrations(glob) == expected);

  // Named alone, the up file still brings its changed down file.
  CommandResult up_file = run(miglint("check --format json --changed-since main " + db + "/0003_down_only.up.sql"));
  CHECK(linted_migrations(up_file) == "0003_down_only");
}

TEST_CASE("--changed-since with nothing changed reports nothing and exits 0") {
  if (!git_installed()) {
    MESSAGE("absent: git not installed, --changed-since test skipped");
    return;
  }
  ScratchRepo repo;
  write_pair(repo, "0001_index");
  repo.commit_all("base");
  std::string command = miglint("check --format json --changed-since main " + (repo.path / "db").string());
  CommandResult result = run(command + " 2>&1 >/dev/null");
  CHECK(result.exit_code == 0);
  CHECK(result.out == "miglint: no migrations changed since main\n");
  // The report is still written, so that a CI step uploading it finds it.
  CHECK(nlohmann::json::parse(run(command + " 2>/dev/null").out)["findings"].empty());
}

TEST_CASE("--changed-since fails with exit 2 and says why: unknown ref, no repository, no git") {
  if (!git_installed()) {
    MESSAGE("absent: git not installed, --changed-since test skipped");
    return;
  }
  ScratchRepo repo;
  write_pair(repo, "0001_index");
  repo.commit_all("base");
  std::string db = (repo.path / "db").string();

  CommandResult unknown_ref = run(miglint("check --changed-since origin/no-such-branch " + db + " 2>&1"));
  CHECK(unknown_ref.exit_code == 2);
  CHECK(unknown_ref.out.find("unknown git ref 'origin/no-such-branch'") != std::string::npos);
  CHECK(unknown_ref.out.find("git fetch") != std::string::npos);
  CHECK(unknown_ref.out.find("fetch-depth: 0") != std::string::npos);

  ScratchDir not_a_repo;
  std::string file = not_a_repo.write("0001_index.sql", "SELECT 1;\n").string();
  CommandResult outside = run(miglint("check --changed-since main " + file + " 2>&1"));
  CHECK(outside.exit_code == 2);
  CHECK(outside.out.find(file + ": not a git repository") != std::string::npos);

  CommandResult no_git = run("PATH=/nonexistent " + miglint("check --changed-since main " + db + " 2>&1"));
  CHECK(no_git.exit_code == 2);
  CHECK(no_git.out.find("git is not installed") != std::string::npos);

  CommandResult from_stdin = run("echo 'SELECT 1;' | " + miglint("check --changed-since main - 2>&1"));
  CHECK(from_stdin.exit_code == 2);
  CHECK(from_stdin.out.find("standard input") != std::string::npos);
}

}  // namespace miglint::test
