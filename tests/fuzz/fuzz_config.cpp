// The miglint.toml parser on arbitrary text. A ConfigError is its documented
// answer to a bad file and must name the file; any other exception escapes
// and fails the run, as a crash does.

#include "config/config.hpp"
#include "fuzz_support.hpp"

#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const std::filesystem::path file = "project/miglint.toml";
  std::string text(reinterpret_cast<const char*>(data), size);
  try {
    miglint::parse_config(text, file);
  } catch (const miglint::ConfigError& error) {
    if (!std::string_view(error.what()).starts_with(file.string() + ":"))
      miglint::fuzz::fail(std::string("a config error that does not start with the file name: ") + error.what());
  }
  return 0;
}
