#pragma once

#include <string_view>

namespace miglint {

// Whether `path` (relative, `/`-separated) matches a .gitignore-style glob:
// `*` and `?` stay within one directory, `[...]` is a character class, and
// `**` as a whole segment spans any number of directories, none included.
// A glob without a `/` matches the file name at any depth.
bool path_matches_glob(std::string_view glob, std::string_view path);

}  // namespace miglint
