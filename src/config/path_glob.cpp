#include "config/path_glob.hpp"

#include <fnmatch.h>

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

bool segments_match(const std::vector<std::string>& glob, std::size_t g, const std::vector<std::string>& path,
                    std::size_t p) {
  if (g == glob.size()) return p == path.size();
  if (glob[g] == "**") {
    for (std::size_t skip = p; skip <= path.size(); ++skip)
      if (segments_match(glob, g + 1, path, skip)) return true;
    return false;
  }
  return p < path.size() && ::fnmatch(glob[g].c_str(), path[p].c_str(), 0) == 0 &&
         segments_match(glob, g + 1, path, p + 1);
}

}  // namespace

bool path_matches_glob(std::string_view glob, std::string_view path) {
  std::string anchored(glob);
  if (anchored.find('/') == std::string::npos) anchored = "**/" + anchored;
  // `dir/` and `dir/**` both mean everything below dir.
  if (anchored.ends_with('/')) anchored += "**";
  return segments_match(segments(anchored), 0, segments(path), 0);
}

}  // namespace miglint
