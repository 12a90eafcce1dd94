#include "config/path_glob.hpp"

#include <fnmatch.h>

#include <optional>
#include <string>
#include <vector>

namespace miglint {

namespace {

std::vector<std::string> segments(std::string_view path) {
  std::vector<std::string> parts;
  std::size_t start = 0;
  while (start <= path.size()) {
    std::size_t slash = std::min(path.find('/', start), path.size());
    if (slash > start) parts.emplace_back(path.substr(start, slash - start));
    start = slash + 1;
  }
  return parts;
}

// Glob segments against path segments, by dynamic programming over the
// glob from its end: trying every split of `**` in turn would take
// exponential time on a glob with many of them.
bool segments_match(const std::vector<std::string>& glob, const std::vector<std::string>& path) {
  std::vector<char> rest(path.size() + 1, 0);  // glob[g + 1..] matches path[p..]
  rest[path.size()] = 1;
  for (std::size_t g = glob.size(); g-- > 0;) {
    std::vector<char> here(path.size() + 1, 0);
    if (glob[g] == "**") {
      char any = 0;
      for (std::size_t p = path.size() + 1; p-- > 0;) here[p] = any = static_cast<char>(any || rest[p]);
    } else {
      for (std::size_t p = 0; p < path.size(); ++p)
        here[p] = static_cast<char>(rest[p + 1] && ::fnmatch(glob[g].c_str(), path[p].c_str(), 0) == 0);
    }
    rest = std::move(here);
  }
  return rest[0];
}

}  // namespace

std::optional<std::string> glob_problem(std::string_view glob) {
  if (glob.find_first_not_of(" \t") == std::string_view::npos) return "a glob must not be empty";
  for (const std::string& segment : segments(glob))
    if (segment.find("**") != std::string::npos && segment != "**")
      return "** must be a whole path segment, as in \"db/**/legacy\", not part of \"" + segment + "\"";
  for (std::size_t i = 0; i < glob.size(); ++i) {
    if (glob[i] == '\\') {
      ++i;
    } else if (glob[i] == '[') {
      std::size_t close = i + 1;
      if (close < glob.size() && (glob[close] == '!' || glob[close] == '^')) ++close;
      if (close < glob.size() && glob[close] == ']') ++close;
      close = glob.find(']', close);
      if (close == std::string_view::npos) return "the [ at position " + std::to_string(i + 1) + " is never closed with ]";
      i = close;
    }
  }
  return std::nullopt;
}

bool path_matches_glob(std::string_view glob, std::string_view path) {
  std::string anchored(glob);
  if (anchored.find('/') == std::string::npos) anchored = "**/" + anchored;
  // `dir/` and `dir/**` both mean everything below dir.
  if (anchored.ends_with('/')) anchored += "**";
  return segments_match(segments(anchored), segments(path));
}

}  // namespace miglint
