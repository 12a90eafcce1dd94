#include "config/groups.hpp"

#include <map>

namespace miglint {

namespace fs = std::filesystem;

namespace {

// The directory whose config applies to an input: the input itself when it
// is a directory, else the directory holding it, or the fixed part of a glob.
fs::path search_start(const std::string& input, const ConfigChoice& choice) {
  if (input == "-") return choice.stdin_filename.empty() ? fs::path(".") : fs::path(choice.stdin_filename).parent_path();
  std::string fixed = input.substr(0, input.find_first_of("*?["));
  if (fixed.size() < input.size()) fixed = fixed.substr(0, fixed.find_last_of('/') + 1);
  std::error_code ignored;
  if (!fixed.empty() && fs::is_directory(fixed, ignored)) return fixed;
  fs::path parent = fs::path(fixed).parent_path();
  return parent.empty() ? fs::path(".") : parent;
}

}  // namespace

std::vector<ConfigGroup> group_by_config(const std::vector<std::string>& inputs, const ConfigChoice& choice) {
  if (choice.explicit_file) return {{load_config(*choice.explicit_file), inputs}};
  if (choice.ignore_files) return {{Config{}, inputs}};
  std::vector<ConfigGroup> groups;
  std::map<fs::path, std::size_t> group_index;  // by config file; the empty path for none
  for (const std::string& input : inputs) {
    std::optional<fs::path> file = find_config(search_start(input, choice));
    auto [entry, added] = group_index.try_emplace(file.value_or(fs::path()), groups.size());
    if (added) groups.push_back({file ? load_config(*file) : Config{}, {}});
    groups[entry->second].inputs.push_back(input);
  }
  return groups;
}

}  // namespace miglint
