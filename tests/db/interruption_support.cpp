#include "interruption_support.hpp"

#include <doctest/doctest.h>

#include <fcntl.h>
#include <pwd.h>
#include <signal.h>
#include <spawn.h>
#include <sys/mount.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <thread>

extern char** environ;

namespace miglint::db_test {

namespace {

using std::chrono::steady_clock;

std::vector<char*> pointers(std::vector<std::string>& words) {
  std::vector<char*> result;
  for (std::string& word : words) result.push_back(word.data());
  result.push_back(nullptr);
  return result;
}

std::string read_all(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

std::filesystem::path new_directory(const std::string& prefix) {
  std::string pattern = (std::filesystem::temp_directory_path() / (prefix + "XXXXXX")).string();
  if (::mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp: " + std::string(std::strerror(errno)));
  return pattern;
}

}  // namespace

RunningMiglint::RunningMiglint(const std::string& database, const std::vector<std::string>& arguments)
    : output_(new_directory("miglint-run-")) {
  std::vector<std::string> environment{"PGDATABASE=" + database};
  for (char** variable = environ; *variable != nullptr; ++variable)
    if (!std::string_view(*variable).starts_with("PGDATABASE=")) environment.emplace_back(*variable);
  std::vector<std::string> words{kMiglintBinary.string()};
  words.insert(words.end(), arguments.begin(), arguments.end());
  std::string out = (output_ / "stdout").string(), err = (output_ / "stderr").string();
  posix_spawn_file_actions_t files;
  posix_spawn_file_actions_init(&files);
  posix_spawn_file_actions_addopen(&files, STDOUT_FILENO, out.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
  posix_spawn_file_actions_addopen(&files, STDERR_FILENO, err.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
  int error =
      posix_spawn(&pid_, words[0].c_str(), &files, nullptr, pointers(words).data(), pointers(environment).data());
  posix_spawn_file_actions_destroy(&files);
  if (error != 0) throw std::runtime_error("cannot start " + words[0] + ": " + std::strerror(error));
}

RunningMiglint::~RunningMiglint() {
  if (pid_ > 0) {
    ::kill(pid_, SIGKILL);
    ::waitpid(pid_, nullptr, 0);
  }
  std::filesystem::remove_all(output_);
}

void RunningMiglint::send(int signal) const { ::kill(pid_, signal); }

MiglintRun RunningMiglint::finish() {
  MiglintRun run;
  int status = 0;
  auto deadline = steady_clock::now() + std::chrono::seconds(60);
  while (::waitpid(pid_, &status, WNOHANG) == 0) {
    if (steady_clock::now() > deadline) {
      ::kill(pid_, SIGKILL);
      ::waitpid(pid_, &status, 0);
      pid_ = 0;
      FAIL("miglint did not end within 60 s");
      return run;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  pid_ = 0;
  run.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  run.out = read_all(output_ / "stdout");
  run.err = read_all(output_ / "stderr");
  return run;
}

std::string value_once_there(const std::string& database, const std::string& sql) {
  auto deadline = steady_clock::now() + std::chrono::seconds(20);
  while (steady_clock::now() < deadline) {
    std::vector<Row> rows = Connection(database).run(sql);
    if (!rows.empty()) return rows[0][0];
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  FAIL("no row within 20 s from: " << sql);
  return "";
}

void restart_server(const std::string& mode) {
  const char* pg_ctl = std::getenv("MIGLINT_TEST_PG_CTL");
  REQUIRE_MESSAGE(pg_ctl != nullptr, "tests/db/with-postgres exports MIGLINT_TEST_PG_CTL");
  std::string command = "'" + std::string(pg_ctl) + "' restart -m " + mode;
  REQUIRE_MESSAGE(std::system(command.c_str()) == 0, command);
}

TinyTablespace::TinyTablespace(std::size_t bytes)
    : directory_(new_directory("miglint-tiny-")), name_("tiny_" + std::to_string(::getpid())) {
  // The server writes there as the cluster's owner, whom PGUSER names.
  const char* owner = std::getenv("PGUSER");
  const passwd* account = owner ? ::getpwnam(owner) : nullptr;
  if (account == nullptr) {
    unavailable_reason_ = "the cluster's owner (PGUSER) is not a user of this system";
    return;
  }
  std::string options = "size=" + std::to_string(bytes) + ",mode=0700,uid=" + std::to_string(account->pw_uid) +
                        ",gid=" + std::to_string(account->pw_gid);
  if (::mount("miglint-tiny", directory_.c_str(), "tmpfs", 0, options.c_str()) != 0) {
    unavailable_reason_ =
        "cannot mount a tmpfs (" + std::string(std::strerror(errno)) + "): not root, or no CAP_SYS_ADMIN";
    return;
  }
  mounted_ = true;
  Connection("").run("CREATE TABLESPACE " + name_ + " LOCATION '" + directory_.string() + "'");
}

TinyTablespace::~TinyTablespace() {
  if (mounted_) {
    try {
      Connection("").run("DROP TABLESPACE IF EXISTS " + name_);
    } catch (const std::exception&) {
      // Still in use: the cluster is thrown away after the run anyway.
    }
    ::umount2(directory_.c_str(), MNT_DETACH);
  }
  std::error_code ignored;
  std::filesystem::remove(directory_, ignored);
}

void TinyTablespace::resize(std::size_t bytes) const {
  std::string options = "size=" + std::to_string(bytes);
  REQUIRE_MESSAGE(::mount("miglint-tiny", directory_.c_str(), "tmpfs", MS_REMOUNT, options.c_str()) == 0,
                  "remounting " << directory_ << ": " << std::strerror(errno));
}

}  // namespace miglint::db_test
