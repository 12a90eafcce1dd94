#include "apply/scratch_cluster.hpp"

#include "apply/connection.hpp"

#include <stdlib.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <csignal>
#include <cstring>
#include <deque>
#include <fstream>
#include <mutex>
#include <sstream>
#include <thread>

namespace miglint::apply {

namespace fs = std::filesystem;

namespace {

// The superuser's name: migrations taken from pg_dump say OWNER TO postgres.
constexpr const char* kSuperuser = "postgres";
// Only names the socket file, which lives in the cluster's own directory.
constexpr const char* kPort = "5432";
constexpr int kFallbackMajor = 15;

// Clusters the signal thread must stop. Starting and stopping hold the mutex,
// so a signal that arrives meanwhile waits and finds a cluster whole or gone.
// Never destroyed: a signal may arrive while static destructors run.
std::mutex& clusters_mutex() {
  static auto* mutex = new std::mutex;
  return *mutex;
}

std::vector<ScratchCluster*>& live_clusters() {
  static auto* clusters = new std::vector<ScratchCluster*>;
  return *clusters;
}

bool holds_server_binaries(const fs::path& directory) {
  for (const char* program : {"initdb", "pg_ctl", "postgres"})
    if (access((directory / program).c_str(), X_OK) != 0) return false;
  return true;
}

// "postgres (PostgreSQL) 15.4 (Debian 15.4-1.pgdg120+1)" -> 15
std::optional<int> major_version_of(const fs::path& directory) {
  std::optional<std::string> output = program_output({(directory / "postgres").string(), "--version"});
  if (!output) return std::nullopt;
  std::size_t digits = output->find(") ");
  if (digits == std::string::npos) return std::nullopt;
  int major = std::atoi(output->c_str() + digits + 2);
  return major > 0 ? std::optional<int>(major) : std::nullopt;
}

// Directories on PATH, then Debian's /usr/lib/postgresql/<major>/bin, each
// once whatever symlinks lead to it.
std::vector<ServerBinaries> installed_server_binaries() {
  std::vector<fs::path> candidates;
  std::istringstream path(std::getenv("PATH") ? std::getenv("PATH") : "");
  for (std::string directory; std::getline(path, directory, ':');)
    if (!directory.empty()) candidates.emplace_back(directory);
  std::error_code error;
  for (const fs::directory_entry& major : fs::directory_iterator("/usr/lib/postgresql", error))
    candidates.push_back(major.path() / "bin");

  std::vector<ServerBinaries> found;
  for (const fs::path& candidate : candidates) {
    if (!holds_server_binaries(candidate)) continue;
    fs::path directory = fs::canonical(candidate / "postgres", error).parent_path();
    if (error || std::any_of(found.begin(), found.end(), [&](const ServerBinaries& b) { return b.directory == directory; }))
      continue;
    if (std::optional<int> major = major_version_of(directory)) found.push_back({directory, *major});
  }
  return found;
}

std::string conninfo_value(std::string_view value) {
  std::string quoted = "'";
  for (char c : value) {
    if (c == '\'' || c == '\\') quoted += '\\';
    quoted += c;
  }
  return quoted + "'";
}

std::string config_string(std::string_view value) {
  std::string quoted = "'";
  for (char c : value) quoted += c == '\'' ? std::string("''") : std::string(1, c);
  return quoted + "'";
}

std::string last_lines(const fs::path& log, std::size_t count) {
  std::ifstream in(log);
  std::deque<std::string> lines;
  for (std::string line; std::getline(in, line);) {
    lines.push_back(line);
    if (lines.size() > count) lines.pop_front();
  }
  std::string text;
  for (const std::string& line : lines) text += "\n  " + line;
  return text;
}

fs::path make_temporary_directory() {
  const char* base = std::getenv("TMPDIR");
  std::string pattern = (fs::path(base && *base ? base : "/tmp") / "miglint-scratch-XXXXXX").string();
  if (mkdtemp(pattern.data()) == nullptr)
    throw ScratchClusterError("cannot create a directory for the scratch PostgreSQL in " + fs::path(pattern).parent_path().string() +
                              ": " + std::strerror(errno));
  return pattern;
}

}  // namespace

ServerBinaries find_server_binaries(std::optional<int> wanted_major) {
  std::vector<ServerBinaries> installed = installed_server_binaries();
  if (installed.empty()) {
    std::string package = "postgresql-" + std::to_string(wanted_major.value_or(kFallbackMajor));
    throw ScratchClusterError(
        "no PostgreSQL server found (initdb, pg_ctl and postgres, on PATH or in /usr/lib/postgresql/<major>/bin) to "
        "start a scratch database: install one (apt-get install " + package + "), or pass --db URL");
  }
  auto wanted = std::find_if(installed.begin(), installed.end(),
                             [&](const ServerBinaries& binaries) { return binaries.major_version == wanted_major; });
  if (wanted != installed.end()) return *wanted;
  return *std::max_element(installed.begin(), installed.end(), [](const ServerBinaries& a, const ServerBinaries& b) {
    return a.major_version < b.major_version;
  });
}

ScratchCluster::ScratchCluster(const ServerBinaries& binaries)
    : pg_ctl_(binaries.directory / "pg_ctl"), major_version_(binaries.major_version) {
  std::lock_guard lock(clusters_mutex());
  try {
    start(binaries);
  } catch (...) {
    stop();
    throw;
  }
  live_clusters().push_back(this);
}

ScratchCluster::~ScratchCluster() {
  std::lock_guard lock(clusters_mutex());
  stop();
  std::erase(live_clusters(), this);
}

void ScratchCluster::start(const ServerBinaries& binaries) {
  auto started = std::chrono::steady_clock::now();
  if (geteuid() == 0) {
    server_user_ = find_system_user("postgres");
    if (!server_user_)
      throw ScratchClusterError(
          "miglint runs as root and PostgreSQL refuses to: the scratch database runs as the `postgres` system user, "
          "which does not exist (apt-get install postgresql-" + std::to_string(major_version_) +
          " creates it); or pass --db URL");
  }
  directory_ = make_temporary_directory();
  // mode 700: the socket in it is reachable by its owner (and root) only.
  if (server_user_ && chown(directory_.c_str(), server_user_->uid, server_user_->gid) != 0)
    throw ScratchClusterError("cannot give " + directory_.string() + " to the postgres user: " + std::strerror(errno));

  const fs::path data = directory_ / "data";
  if (run({(binaries.directory / "initdb").string(), "-D", data.string(), "-U", kSuperuser, "--auth=trust",
           "--no-sync", "-E", "UTF8", "--locale=C"},
          "initdb.log") != 0)
    throw ScratchClusterError("initdb failed for the scratch PostgreSQL:" + last_lines(directory_ / "initdb.log", 20));
  // Durability costs time and buys nothing for a database thrown away.
  std::ofstream(data / "postgresql.conf", std::ios::app)
      << "\n# miglint scratch cluster\nlisten_addresses = ''\nunix_socket_directories = "
      << config_string(directory_.string()) << "\nport = " << kPort
      << "\nfsync = off\nsynchronous_commit = off\nfull_page_writes = off\n";
  if (run({pg_ctl_.string(), "start", "-w", "-s", "-D", data.string(), "-l", (directory_ / "server.log").string()},
          "pg_ctl.log") != 0)
    throw ScratchClusterError("the scratch PostgreSQL did not start:" + last_lines(directory_ / "pg_ctl.log", 5) +
                              last_lines(directory_ / "server.log", 20));
  start_time_ = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started);
}

int ScratchCluster::run(const std::vector<std::string>& arguments, const std::string& log_name) const {
  return run_program({arguments, directory_, directory_ / log_name, server_user_});
}

void ScratchCluster::stop() noexcept {
  if (directory_.empty()) return;
  try {
    const fs::path data = directory_ / "data";
    if (fs::exists(data / "postmaster.pid"))
      run({pg_ctl_.string(), "stop", "-w", "-s", "-D", data.string(), "-m", "immediate"}, "pg_ctl.log");
  } catch (const std::exception&) {
    // Nothing left but to remove the directory: a server whose lock file is
    // gone shuts itself down within a minute.
  }
  std::error_code ignored;
  fs::remove_all(directory_, ignored);
  directory_.clear();
}

void ScratchCluster::stop_all_then_die_of(int signal) {
  // Held until the process ends: a main thread unwinding from the error the
  // stopped server gave it waits in ~ScratchCluster, and cannot exit with an
  // exit code of its own, nor print that error, before the signal ends it.
  std::lock_guard lock(clusters_mutex());
  for (ScratchCluster* cluster : live_clusters()) cluster->stop();
  std::signal(signal, SIG_DFL);
  sigset_t just_this;
  sigemptyset(&just_this);
  sigaddset(&just_this, signal);
  pthread_sigmask(SIG_UNBLOCK, &just_this, nullptr);
  raise(signal);
  _exit(128 + signal);
}

std::string ScratchCluster::conninfo(std::string_view database) const {
  return "host=" + conninfo_value(directory_.string()) + " port=" + kPort + " dbname=" + conninfo_value(database) +
         " user=" + kSuperuser;
}

std::string ScratchCluster::create_database(const std::string& name) {
  std::string identifier = "\"";
  for (char c : name) identifier += c == '"' ? std::string("\"\"") : std::string(1, c);
  Connection(conninfo()).run("CREATE DATABASE " + identifier + "\"");
  return conninfo(name);
}

void stop_scratch_clusters_on_signals() {
  static std::once_flag installed;
  std::call_once(installed, [] {
    sigset_t signals;
    sigemptyset(&signals);
    for (int signal : {SIGINT, SIGTERM, SIGHUP}) sigaddset(&signals, signal);
    // Blocked here and in every thread started later, the signals reach only
    // sigwait below, where stopping a server (fork, exec, wait) is safe.
    pthread_sigmask(SIG_BLOCK, &signals, nullptr);
    std::thread([signals] {
      int received = 0;
      while (sigwait(&signals, &received) != 0) {
      }
      // Dying of the same signal tells the shell that sent it what happened.
      ScratchCluster::stop_all_then_die_of(received);
    }).detach();
  });
}

}  // namespace miglint::apply
