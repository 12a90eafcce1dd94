#include "scratch_leftovers.hpp"

#include <unistd.h>

#include <fstream>
#include <sstream>
#include <string>

namespace miglint::db_test {

namespace fs = std::filesystem;

namespace {

std::string command_line(const fs::path& process) {
  std::ifstream in(process / "cmdline", std::ios::binary);
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  for (char& c : text)
    if (c == '\0') c = ' ';
  return text;
}

// Fields of /proc/<pid>/stat after the command name, which may hold spaces.
std::string stat_after_name(int pid) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/stat");
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  std::size_t name_end = text.rfind(')');
  return name_end == std::string::npos ? "" : text.substr(name_end + 2);
}

int parent_of(int pid) {
  std::istringstream fields(stat_after_name(pid));
  std::string state;
  int parent = 0;
  fields >> state >> parent;
  return parent;
}

std::vector<int> process_ids() {
  std::vector<int> pids;
  std::error_code error;
  for (const fs::directory_entry& entry : fs::directory_iterator("/proc", error)) {
    std::string name = entry.path().filename().string();
    if (name.find_first_not_of("0123456789") == std::string::npos) pids.push_back(std::stoi(name));
  }
  return pids;
}

}  // namespace

std::vector<int> server_processes_under(const fs::path& directory) {
  std::vector<int> all = process_ids();
  std::vector<int> servers;
  for (int pid : all)
    if (command_line("/proc/" + std::to_string(pid)).find(" -D " + directory.string()) != std::string::npos)
      servers.push_back(pid);
  std::vector<int> found = servers;
  for (int pid : all)
    for (int server : servers)
      if (parent_of(pid) == server) found.push_back(pid);
  return found;
}

std::vector<int> still_running(const std::vector<int>& pids) {
  std::vector<int> running;
  for (int pid : pids) {
    std::string stat = stat_after_name(pid);
    if (!stat.empty() && stat[0] != 'Z') running.push_back(pid);
  }
  return running;
}

TemporaryDirectory::TemporaryDirectory() {
  std::string pattern = (fs::temp_directory_path() / "miglint-tmpdir-XXXXXX").string();
  path_ = ::mkdtemp(pattern.data());
  // As root the cluster runs as `postgres`, which must pass through here.
  fs::permissions(path_, fs::perms::owner_all | fs::perms::group_exec | fs::perms::others_exec);
}

TemporaryDirectory::~TemporaryDirectory() { fs::remove_all(path_); }

std::vector<fs::path> TemporaryDirectory::entries() const {
  std::vector<fs::path> entries;
  for (const fs::directory_entry& entry : fs::directory_iterator(path_)) entries.push_back(entry.path());
  return entries;
}

}  // namespace miglint::db_test
