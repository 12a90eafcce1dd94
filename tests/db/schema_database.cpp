#include "schema_database.hpp"

#include <unistd.h>

#include <fstream>
#include <optional>
#include <sstream>

namespace miglint::db_test {

namespace {

class ScratchDatabase {
 public:
  ScratchDatabase() : name_("miglint_db_tests_" + std::to_string(getpid())) {
    maintenance_.run("DROP DATABASE IF EXISTS " + name_);
    maintenance_.run("CREATE DATABASE " + name_);
    connection_.emplace(name_);
    connection_->run(read_test_file("schema.sql"));
  }
  ~ScratchDatabase() {
    connection_.reset();
    try {
      maintenance_.run("DROP DATABASE " + name_);
    } catch (const ServerError&) {
      // The cluster is thrown away anyway; a leftover database harms nothing.
    }
  }
  Connection& connection() { return *connection_; }

 private:
  std::string name_;
  Connection maintenance_;
  std::optional<Connection> connection_;
};

}  // namespace

std::string read_test_file(const std::string& name) {
  std::ifstream file(kTestDir / name, std::ios::binary);
  if (!file) throw std::runtime_error("cannot read " + (kTestDir / name).string());
  std::ostringstream text;
  text << file.rdbuf();
  return text.str();
}

Connection& schema_database() {
  static ScratchDatabase database;
  return database.connection();
}

}  // namespace miglint::db_test
