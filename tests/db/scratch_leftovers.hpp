#pragma once

#include <filesystem>
#include <vector>

namespace miglint::db_test {

// The postmaster whose command line names a directory under `directory`,
// and its children (whose command lines name no directory): the processes
// a scratch cluster there runs.
std::vector<int> server_processes_under(const std::filesystem::path& directory);

// Those of `pids` still running; a zombie waiting for its parent is not.
std::vector<int> still_running(const std::vector<int>& pids);

// A fresh empty directory to serve as TMPDIR, removed at the end of the test.
class TemporaryDirectory {
 public:
  TemporaryDirectory();
  ~TemporaryDirectory();
  TemporaryDirectory(const TemporaryDirectory&) = delete;
  TemporaryDirectory& operator=(const TemporaryDirectory&) = delete;

  const std::filesystem::path& path() const { return path_; }
  // Whatever is left in it.
  std::vector<std::filesystem::path> entries() const;

 private:
  std::filesystem::path path_;
};

}  // namespace miglint::db_test
