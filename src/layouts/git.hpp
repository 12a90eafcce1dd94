#pragma once

#include <string>
#include <vector>

namespace miglint {

struct GitOutput {
  int exit_code = 0;
  std::string out;
  std::string err;
};

// Runs `git -C dir args...` and waits for it. No shell is involved, so a ref
// or a path is never interpreted, whatever characters it holds. Throws
// InputError when git cannot be started.
GitOutput run_git(const std::string& dir, const std::vector<std::string>& args);

}  // namespace miglint
