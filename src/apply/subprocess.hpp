#pragma once

#include <sys/types.h>

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace miglint::apply {

// An unprivileged account: PostgreSQL refuses to run as root.
struct SystemUser {
  std::string name;
  uid_t uid = 0;
  gid_t gid = 0;
};

std::optional<SystemUser> find_system_user(const std::string& name);

struct ProgramRun {
  std::vector<std::string> arguments;  // the program's path first
  std::filesystem::path working_directory;
  std::filesystem::path output;  // standard output and error go here
  std::optional<SystemUser> user;
};

// Runs a program without a shell and waits for it: its exit status, or 128
// plus the signal that ended it. Throws std::system_error when it cannot start.
int run_program(const ProgramRun& run);

// What `arguments` writes to standard output ("postgres (PostgreSQL) 15.4"),
// or nullopt when it cannot run or fails.
std::optional<std::string> program_output(const std::vector<std::string>& arguments);

}  // namespace miglint::apply
