#pragma once

#include "layouts/plan.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace miglint {

// A file found in a directory or named by the user, with how the user will see its path.
struct Entry {
  std::string path;     // where to read it
  std::string display;  // as the user gave it
  std::optional<std::string> text;  // standard input
  std::string name;     // the last path component

  InputFile input() const { return {display, path, text}; }
};

Entry make_entry(std::string path, std::string display, std::optional<std::string> text = {});
bool by_natural_name(const Entry& a, const Entry& b);

struct Listing {
  std::vector<Entry> directories;
  std::vector<Entry> sql_files;
};

// One directory's visible subdirectories and .sql files, in natural order.
Listing list_directory(const std::string& dir, const std::string& display);

std::string join_path(const std::string& dir, std::string_view name);
std::string_view base_name(std::string_view path);
std::string parent_path(std::string_view path);  // "" for a bare file name
bool is_regular_file(const std::string& path);
bool is_directory(const std::string& path);

}  // namespace miglint
