#pragma once

#include <optional>
#include <string>

namespace miglint {

// The whole file, or nullopt with `error` set.
std::optional<std::string> read_file(const std::string& path, std::string& error);
std::string read_stdin();

}  // namespace miglint
