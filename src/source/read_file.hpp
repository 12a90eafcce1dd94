#pragma once

#include <filesystem>
#include <optional>
#include <string>

namespace miglint {

// The whole file, or nullopt with `error` set.
std::optional<std::string> read_file(const std::filesystem::path& path, std::string& error);
std::string read_stdin();

}  // namespace miglint
