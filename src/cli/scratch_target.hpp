#pragma once

#include "apply/scratch_cluster.hpp"

#include <CLI/CLI.hpp>

#include <memory>
#include <optional>
#include <string>

namespace miglint::cli {

// Where verify and trace may create and drop anything they like.
struct ScratchOptions {
  std::optional<std::string> db;
  bool i_know_this_is_scratch = false;
  std::optional<int> pg_version;
};

void add_scratch_options(CLI::App& command, ScratchOptions& options);

// A scratch PostgreSQL of miglint's own, stopped and removed when this ends
// or a signal ends the process; or --db, refused unless it is empty or the
// user says it is scratch. Warns when the server's major version is not
// --pg-version.
class ScratchTarget {
 public:
  // `database` names the database created in miglint's own cluster.
  ScratchTarget(const ScratchOptions& options, const std::string& database);

  const std::string& conninfo() const { return conninfo_; }
  // "a scratch PostgreSQL 15 (started in 1.2 s)", or the --db target without its password.
  const std::string& description() const { return description_; }

 private:
  std::unique_ptr<apply::ScratchCluster> cluster_;
  std::string conninfo_;
  std::string description_;
};

}  // namespace miglint::cli
