#include "layouts/entries.hpp"

#include "layouts/naming.hpp"

#include <dirent.h>
#include <sys/stat.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <memory>

namespace miglint {

Entry make_entry(std::string path, std::string display, std::optional<std::string> text) {
  std::string name(base_name(path));
  return {std::move(path), std::move(display), std::move(text), std::move(name)};
}

bool by_natural_name(const Entry& a, const Entry& b) { return natural_less(a.name, b.name); }

std::string join_path(const std::string& dir, std::string_view name) {
  if (dir.empty()) return std::string(name);
  return dir.back() == '/' ? dir + std::string(name) : dir + "/" + std::string(name);
}

std::string_view base_name(std::string_view path) {
  while (path.size() > 1 && path.back() == '/') path.remove_suffix(1);
  auto slash = path.rfind('/');
  return slash == std::string_view::npos ? path : path.substr(slash + 1);
}

std::string parent_path(std::string_view path) {
  while (path.size() > 1 && path.back() == '/') path.remove_suffix(1);
  auto slash = path.rfind('/');
  if (slash == std::string_view::npos) return {};
  return slash == 0 ? "/" : std::string(path.substr(0, slash));
}

bool is_regular_file(const std::string& path) {
  struct stat info {};
  return ::stat(path.c_str(), &info) == 0 && S_ISREG(info.st_mode);
}

bool is_directory(const std::string& path) {
  struct stat info {};
  return ::stat(path.c_str(), &info) == 0 && S_ISDIR(info.st_mode);
}

namespace {

bool resolves(const std::string& path) {
  struct stat info {};
  return ::stat(path.c_str(), &info) == 0;
}

}  // namespace

// readdir's d_type spares a stat per entry, which matters for Prisma's
// folder-per-migration layout.
Listing list_directory(const std::string& dir, const std::string& display) {
  std::unique_ptr<DIR, int (*)(DIR*)> handle(::opendir(dir.empty() ? "." : dir.c_str()), &::closedir);
  if (!handle) throw InputError(display + ": cannot list directory: " + std::strerror(errno));
  Listing listing;
  while (const dirent* item = ::readdir(handle.get())) {
    std::string_view name = item->d_name;
    if (name.empty() || name[0] == '.') continue;
    std::string path = join_path(dir, name);
    unsigned char type = item->d_type;
    if (type == DT_UNKNOWN || type == DT_LNK) {
      if (is_directory(path)) type = DT_DIR;
      else if (is_regular_file(path)) type = DT_REG;
    }
    // A link to nowhere (or to itself) named like a migration is one that
    // cannot be read: linting says so rather than skip it.
    if (type == DT_DIR)
      listing.directories.push_back({std::move(path), join_path(display, name), {}, std::string(name)});
    else if ((type == DT_REG || (type == DT_LNK && !resolves(path))) && name.ends_with(".sql"))
      listing.sql_files.push_back({std::move(path), join_path(display, name), {}, std::string(name)});
  }
  std::sort(listing.directories.begin(), listing.directories.end(), by_natural_name);
  std::sort(listing.sql_files.begin(), listing.sql_files.end(), by_natural_name);
  return listing;
}

}  // namespace miglint
