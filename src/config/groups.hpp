#pragma once

#include "config/config.hpp"

#include <optional>
#include <string>
#include <vector>

namespace miglint {

// The inputs that share one config file.
struct ConfigGroup {
  Config config;  // an empty Config when no file applies
  std::vector<std::string> inputs;
};

struct ConfigChoice {
  std::optional<std::filesystem::path> explicit_file;  // --config: for every input
  bool ignore_files = false;                           // --no-config
  std::string stdin_filename;                          // where `-` is found from
};

// Groups inputs (files, directories, globs, `-`) by the config file nearest
// each, in the order the inputs were given.
std::vector<ConfigGroup> group_by_config(const std::vector<std::string>& inputs, const ConfigChoice& choice);

}  // namespace miglint
