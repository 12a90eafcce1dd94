// The baseline reader on arbitrary text. An InputError is its documented
// answer to a bad baseline and must name the file; any other exception
// escapes and fails the run, as a crash does. What it accepts must hold
// only known rules, and paths without `.` steps or doubled slashes.

#include "fuzz_support.hpp"
#include "report/baseline.hpp"

#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const std::string file = "ci/miglint-baseline.json";
  std::string text(reinterpret_cast<const char*>(data), size);
  miglint::Baseline baseline;
  try {
    baseline = miglint::parse_baseline(text, file);
  } catch (const miglint::InputError& error) {
    if (!std::string_view(error.what()).starts_with(file + ":"))
      miglint::fuzz::fail(std::string("a baseline error that does not start with the file name: ") + error.what());
    return 0;
  }
  for (const miglint::BaselineEntry& entry : baseline.entries) {
    if (!miglint::find_rule(entry.rule)) miglint::fuzz::fail("accepted an unknown rule: " + entry.rule);
    std::string_view path = entry.path;
    if (path.find("/./") != std::string_view::npos || path.starts_with("./") || path.ends_with("/.") ||
        path.find("//") != std::string_view::npos)
      miglint::fuzz::fail("accepted a path that is not normal: " + entry.path);
  }
  return 0;
}
