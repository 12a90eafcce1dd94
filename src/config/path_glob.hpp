#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace miglint {

// Whether `path` (relative, `/`-separated) matches a .gitignore-style glob:
// `*` and `?` stay within one directory, `[...]` is a character class, and
// `**` as a whole segment spans any number of directories, none included.
// A glob without a `/` matches the file name at any depth.
bool path_matches_glob(std::string_view glob, std::string_view path);

// What is wrong with a glob, if anything: empty, `**` inside a segment, or a
// `[` never closed (fnmatch would read it as a plain `[`).
std::optional<std::string> glob_problem(std::string_view glob);

}  // namespace miglint
