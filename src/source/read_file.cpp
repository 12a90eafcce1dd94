#include "source/read_file.hpp"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <iostream>
#include <iterator>
#include <sstream>

namespace miglint {

std::optional<std::string> read_file(const std::filesystem::path& path, std::string& error) {
  std::ifstream stream(path, std::ios::binary);
  if (!stream) {
    error = std::strerror(errno);
    return std::nullopt;
  }
  std::string text;
  std::error_code size_error;
  if (auto size = std::filesystem::file_size(path, size_error); !size_error) text.reserve(size);
  text.assign(std::istreambuf_iterator<char>(stream), std::istreambuf_iterator<char>());
  if (stream.bad()) {
    error = "read failed";
    return std::nullopt;
  }
  return text;
}

std::string read_stdin() {
  std::ostringstream buffer;
  buffer << std::cin.rdbuf();
  return std::move(buffer).str();
}

}  // namespace miglint
