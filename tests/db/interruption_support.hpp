#pragma once

// What the tests of interrupted applies need: miglint in the background,
// a server restart, and a filesystem that fills up.
#include "scratch_database.hpp"

#include <sys/types.h>

#include <cstddef>
#include <filesystem>
#include <string>
#include <vector>

namespace miglint::db_test {

// miglint running in the background, with PGDATABASE naming `database`, its
// output kept for when it ends.
class RunningMiglint {
 public:
  RunningMiglint(const std::string& database, const std::vector<std::string>& arguments);
  ~RunningMiglint();
  RunningMiglint(const RunningMiglint&) = delete;
  RunningMiglint& operator=(const RunningMiglint&) = delete;

  void send(int signal) const;
  // Waits up to 60 s for it to end; one that dies of a signal has exit_code -1.
  MiglintRun finish();

 private:
  pid_t pid_ = 0;
  std::filesystem::path output_;
};

// Polls `sql`, each time on a new connection to `database` (a restart ends
// connections), until it returns a row; returns its first value.
std::string value_once_there(const std::string& database, const std::string& sql);

// pg_ctl restart -m `mode` on the cluster with-postgres started; returns
// once it accepts connections again.
void restart_server(const std::string& mode);

// A tablespace on a tmpfs of its own, to fill a disk for real. Mounting it
// needs root, with CAP_SYS_ADMIN: elsewhere mounted() is false and
// unavailable_reason() says why.
class TinyTablespace {
 public:
  explicit TinyTablespace(std::size_t bytes);
  // Every database with objects in it must be dropped by then.
  ~TinyTablespace();
  TinyTablespace(const TinyTablespace&) = delete;
  TinyTablespace& operator=(const TinyTablespace&) = delete;

  bool mounted() const { return mounted_; }
  const std::string& unavailable_reason() const { return unavailable_reason_; }
  const std::string& name() const { return name_; }
  // Frees space as an operator would: the filesystem grows to `bytes`.
  void resize(std::size_t bytes) const;

 private:
  std::filesystem::path directory_;
  std::string name_;
  bool mounted_ = false;
  std::string unavailable_reason_;
};

}  // namespace miglint::db_test
