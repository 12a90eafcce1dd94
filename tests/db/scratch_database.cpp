#include "scratch_database.hpp"

#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <atomic>
#include <cstdio>
#include <fstream>
#include <sstream>

namespace miglint::db_test {

namespace {

std::string unique_database_name() {
  static std::atomic<int> count{0};
  return "miglint_test_" + std::to_string(::getpid()) + "_" + std::to_string(++count);
}

// Creating a database needs a connection to another one: PGDATABASE's.
std::string created(const std::string& name) {
  Connection("").run("CREATE DATABASE " + name);
  return name;
}

std::string read_all(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

std::filesystem::path temporary_directory() {
  std::string pattern = (std::filesystem::temp_directory_path() / "miglint-db-XXXXXX").string();
  return ::mkdtemp(pattern.data());
}

}  // namespace

ScratchDatabase::ScratchDatabase() : name_(created(unique_database_name())), connection_(name_) {}

ScratchDatabase::~ScratchDatabase() {
  try {
    Connection("").run("DROP DATABASE IF EXISTS " + name_ + " WITH (FORCE)");
  } catch (const ServerError&) {
    // The cluster is thrown away after the run; a database left behind costs nothing.
  }
}

MiglintRun ScratchDatabase::miglint(const std::string& arguments) const {
  std::filesystem::path errors = temporary_directory();
  std::string command_line = "PGDATABASE=" + name_ + " '" + kMiglintBinary.string() + "' " + arguments + " 2>'" +
                             (errors / "stderr").string() + "'";
  MiglintRun run;
  FILE* pipe = ::popen(command_line.c_str(), "r");
  std::array<char, 4096> buffer{};
  while (std::size_t n = std::fread(buffer.data(), 1, buffer.size(), pipe)) run.out.append(buffer.data(), n);
  int status = ::pclose(pipe);
  run.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  run.err = read_all(errors / "stderr");
  std::filesystem::remove_all(errors);
  return run;
}

MigrationDir::MigrationDir() : path_(temporary_directory()) {}

MigrationDir::~MigrationDir() { std::filesystem::remove_all(path_); }

void MigrationDir::write(const std::string& name, std::string_view text) const {
  std::filesystem::path file = path_ / name;
  std::filesystem::create_directories(file.parent_path());
  std::ofstream(file, std::ios::binary) << text;
}

void MigrationDir::remove(const std::string& name) const { std::filesystem::remove(path_ / name); }

}  // namespace miglint::db_test
