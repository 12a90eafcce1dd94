// The scratch cluster miglint verify and trace start when given no --db: it
// starts quickly, answers, and leaves no directory or process behind.
#include "apply/connection.hpp"
#include "apply/scratch_cluster.hpp"
#include "scratch_leftovers.hpp"

#include <doctest/doctest.h>

#include <stdexcept>

namespace miglint::db_test {

namespace {

namespace fs = std::filesystem;

struct PlannedFailure : std::runtime_error {
  using std::runtime_error::runtime_error;
};

}  // namespace

TEST_CASE("scratch cluster: starts in well under 5 s, answers on its socket, and leaves nothing once destroyed") {
  apply::ServerBinaries binaries = apply::find_server_binaries(15);
  CHECK(binaries.major_version == 15);
  fs::path directory;
  std::vector<int> processes;
  {
    apply::ScratchCluster cluster(binaries);
    directory = cluster.directory();
    MESSAGE("scratch cluster started in " << cluster.start_time().count() << " ms");
    // A warning, not a failure: a machine busy building elsewhere slows initdb.
    WARN(cluster.start_time().count() < 5000);
    processes = server_processes_under(directory);
    CHECK(processes.size() > 1);

    std::string conninfo = cluster.create_database("scratch");
    apply::Connection connection(conninfo);
    CHECK(connection.server_major_version() == 15);
    apply::Result settings = connection.run(
        "SELECT current_database(), current_setting('listen_addresses'), current_setting('fsync'), "
        "current_setting('unix_socket_directories')");
    CHECK(settings.rows.at(0) == apply::Row{"scratch", "", "off", directory.string()});
  }
  CHECK_FALSE(fs::exists(directory));
  CHECK(still_running(processes).empty());
}

TEST_CASE("scratch cluster: an exception thrown while it runs still stops it and removes its directory") {
  fs::path directory;
  std::vector<int> processes;
  auto use_then_fail = [&] {
    apply::ScratchCluster cluster(apply::find_server_binaries(std::nullopt));
    directory = cluster.directory();
    processes = server_processes_under(directory);
    apply::Connection(cluster.conninfo()).run("SELECT 1");
    throw PlannedFailure("a migration failed");
  };
  CHECK_THROWS_AS(use_then_fail(), PlannedFailure);
  REQUIRE(!directory.empty());
  CHECK_FALSE(fs::exists(directory));
  CHECK(!processes.empty());
  CHECK(still_running(processes).empty());
}

}  // namespace miglint::db_test
