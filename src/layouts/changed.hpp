#pragma once

#include "layouts/plan.hpp"

#include <set>
#include <string>
#include <vector>

namespace miglint {

// The files a branch added or modified since it left `ref`, as canonical
// absolute paths: what a pull request into `ref` would change. Each input is
// looked up in its own repository, which need not be the current directory's.
//
// The comparison starts at the merge base of `ref` and HEAD, as GitHub's
// "files changed" does, so that a branch behind `ref` is not blamed for
// what has landed on `ref` since. It ends at the working tree: commits,
// staged and unstaged changes, and untracked files that are not ignored.
// Deleted files are left out; a renamed file counts as added.
//
// Throws InputError for an input outside a git repository, a ref git does
// not know, or history too shallow to hold the merge base.
std::set<std::string> files_changed_since(const std::string& ref, const std::vector<std::string>& inputs);

// The migrations with at least one file (up, down or verify) in `changed`,
// in their order: changing only a down file still changes the migration.
std::vector<MigrationPlan> only_changed(std::vector<MigrationPlan> plans, const std::set<std::string>& changed);

}  // namespace miglint
