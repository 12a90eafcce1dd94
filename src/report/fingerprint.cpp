#include "report/fingerprint.hpp"

#include "report/fnv1a.hpp"

#include <unordered_set>

namespace miglint {

std::string fingerprint(const Finding& finding) { return fingerprint(finding, 0); }

std::string fingerprint(const Finding& finding, std::size_t occurrence) {
  Fnv1a hash;
  hash.add(finding.rule->id);
  hash.add("\n");
  hash.add(finding.path);
  hash.add("\n");
  hash.add(finding.message);
  hash.add("\n");
  bool blank = true;
  for (char c : finding.source_line) {
    bool is_blank = c == ' ' || c == '\t' || c == '\r';
    if (is_blank && !blank) hash.add(" ");
    if (!is_blank) hash.add(std::string_view(&c, 1));
    blank = is_blank;
  }
  if (occurrence > 0) hash.add("\n#" + std::to_string(occurrence));
  return hash.hex();
}

std::vector<std::string> distinct_fingerprints(const std::vector<Finding>& findings) {
  std::vector<std::string> fingerprints;
  std::unordered_set<std::string> taken;
  for (const Finding& finding : findings) {
    std::string id = fingerprint(finding);
    for (std::size_t occurrence = 1; !taken.insert(id).second; ++occurrence) id = fingerprint(finding, occurrence);
    fingerprints.push_back(std::move(id));
  }
  return fingerprints;
}

}  // namespace miglint
