#include "report/fingerprint.hpp"

#include <cstdint>
#include <cstdio>
#include <unordered_set>

namespace miglint {

namespace {

// FNV-1a: stable across platforms and releases, unlike std::hash.
class Fnv1a {
 public:
  void add(std::string_view text) {
    for (unsigned char c : text) {
      hash_ ^= c;
      hash_ *= 0x100000001b3ULL;
    }
  }
  std::uint64_t value() const { return hash_; }

 private:
  std::uint64_t hash_ = 0xcbf29ce484222325ULL;
};

}  // namespace

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
  char hex[17];
  std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(hash.value()));
  return hex;
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
