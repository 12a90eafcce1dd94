#pragma once

#include "apply/subprocess.hpp"

#include <chrono>
#include <filesystem>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

namespace miglint::apply {

// The scratch server cannot be found, set up or started; what() says what to do.
struct ScratchClusterError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// A directory holding initdb, pg_ctl and postgres of one major version.
struct ServerBinaries {
  std::filesystem::path directory;
  int major_version = 0;
};

// The binaries on PATH and in /usr/lib/postgresql/<major>/bin: those of
// `wanted_major` when installed, else the newest. Throws
// ScratchClusterError naming the package to install when there are none.
ServerBinaries find_server_binaries(std::optional<int> wanted_major);

// A throwaway PostgreSQL cluster in a temporary directory, listening only on
// a unix socket there. The destructor stops it and removes the directory; so
// does a failed start, and so does SIGINT, SIGTERM or SIGHUP once
// stop_scratch_clusters_on_signals() has run.
class ScratchCluster {
 public:
  // Runs initdb and pg_ctl start; as root, as the `postgres` system user.
  explicit ScratchCluster(const ServerBinaries& binaries);
  ~ScratchCluster();
  ScratchCluster(const ScratchCluster&) = delete;
  ScratchCluster& operator=(const ScratchCluster&) = delete;

  // A libpq conninfo for `database` on this cluster, as its superuser.
  std::string conninfo(std::string_view database = "postgres") const;
  // Creates an empty database and returns its conninfo.
  std::string create_database(const std::string& name);

  int major_version() const { return major_version_; }
  const std::filesystem::path& directory() const { return directory_; }
  std::chrono::milliseconds start_time() const { return start_time_; }

 private:
  friend void stop_scratch_clusters_on_signals();
  [[noreturn]] static void stop_all_then_die_of(int signal);
  void start(const ServerBinaries& binaries);
  int run(const std::vector<std::string>& arguments, const std::string& log_name) const;
  // Stops the server, if it runs, and removes the directory; idempotent.
  void stop() noexcept;

  std::filesystem::path directory_;
  std::filesystem::path pg_ctl_;
  std::optional<SystemUser> server_user_;
  int major_version_ = 0;
  std::chrono::milliseconds start_time_{0};
};

// From here on, SIGINT, SIGTERM and SIGHUP stop every scratch cluster and
// remove its directory, then end the process by the same signal. Call it
// before any other thread starts; later calls do nothing.
void stop_scratch_clusters_on_signals();

}  // namespace miglint::apply
