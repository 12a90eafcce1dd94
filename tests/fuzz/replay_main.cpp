// Runs a fuzz target once on each file of the directories or files named on
// the command line, so that seeds and past crashes are replayed by ctest in
// builds without libFuzzer. A crash or an abort fails the test.

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);

namespace {

namespace fs = std::filesystem;

std::vector<fs::path> inputs_of(const fs::path& given) {
  std::vector<fs::path> inputs;
  if (fs::is_directory(given)) {
    for (const fs::directory_entry& entry : fs::directory_iterator(given))
      if (entry.is_regular_file()) inputs.push_back(entry.path());
    std::sort(inputs.begin(), inputs.end());
  } else if (fs::exists(given)) {
    inputs.push_back(given);
  }
  return inputs;
}

}  // namespace

int main(int argc, char** argv) {
  std::size_t replayed = 0;
  for (int i = 1; i < argc; ++i) {
    // regressions/<target>/ exists only once a crash was found.
    for (const fs::path& input : inputs_of(argv[i])) {
      std::ifstream in(input, std::ios::binary);
      std::string bytes{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
      if (!in.good() && !in.eof()) {
        std::fprintf(stderr, "%s: cannot read\n", input.c_str());
        return 1;
      }
      std::fprintf(stderr, "replaying %s\n", input.c_str());
      // A copy of its own, so that AddressSanitizer sees a read past its end.
      std::vector<std::uint8_t> data(bytes.begin(), bytes.end());
      LLVMFuzzerTestOneInput(data.data(), data.size());
      ++replayed;
    }
  }
  std::printf("replayed %zu inputs\n", replayed);
  // No input at all means a wrong path, not a pass.
  return replayed > 0 ? 0 : 1;
}
