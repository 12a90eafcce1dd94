#pragma once

#include "connection.hpp"

#include <filesystem>
#include <string>
#include <string_view>

namespace miglint::db_test {

// The built miglint binary, for tests that run it as a user would.
inline const std::filesystem::path kMiglintBinary = MIGLINT_BINARY;

struct MiglintRun {
  int exit_code = -1;
  std::string out;
  std::string err;
};

// A database of its own for one test, created empty and dropped at the end,
// so that no test sees another's history tables.
class ScratchDatabase {
 public:
  ScratchDatabase();
  ~ScratchDatabase();
  ScratchDatabase(const ScratchDatabase&) = delete;
  ScratchDatabase& operator=(const ScratchDatabase&) = delete;

  const std::string& name() const { return name_; }
  // Runs `sql` in this database.
  std::vector<Row> run(std::string_view sql) { return connection_.run(sql); }
  // Runs miglint with `arguments` (shell words, quoted by the caller) and
  // PGDATABASE naming this database.
  MiglintRun miglint(const std::string& arguments) const;

 private:
  std::string name_;
  Connection connection_;
};

// A directory of migration files, removed at the end of the test.
class MigrationDir {
 public:
  MigrationDir();
  ~MigrationDir();
  MigrationDir(const MigrationDir&) = delete;
  MigrationDir& operator=(const MigrationDir&) = delete;

  const std::filesystem::path& path() const { return path_; }
  // Writes `text` byte for byte to `name` (which may hold subdirectories).
  void write(const std::string& name, std::string_view text) const;
  void remove(const std::string& name) const;

 private:
  std::filesystem::path path_;
};

}  // namespace miglint::db_test
