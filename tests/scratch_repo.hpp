#pragma once

// A git repository in a scratch directory, for the tests that need git.

#include "support.hpp"

#include <doctest/doctest.h>

#include <cstdlib>
#include <string>

namespace miglint::test {

inline bool git_installed() { return run("git --version > /dev/null 2>&1").exit_code == 0; }

// Commits with an identity and without signing, whatever the user's git
// configuration says.
struct ScratchRepo : ScratchDir {
  ScratchRepo() {
    // Set when the tests run from a git hook: git, and miglint, would act
    // on the repository that ran the hook instead.
    for (const char* variable : {"GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE"}) ::unsetenv(variable);
    git("init -q -b main");
  }

  void git(const std::string& arguments) const {
    CommandResult result = run("git -C " + path.string() +
                               " -c user.email=test@example.com -c user.name=test -c commit.gpgsign=false " +
                               arguments + " 2>&1");
    REQUIRE_MESSAGE(result.exit_code == 0, "git " << arguments << ": " << result.out);
  }

  void commit_all(const std::string& message) const {
    git("add -A");
    git("commit -q -m '" + message + "'");
  }
};

}  // namespace miglint::test
