#pragma once

#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>

namespace miglint {

// FNV-1a: stable across platforms and releases, unlike std::hash, so what it
// gives can be stored in files and compared by later runs.
class Fnv1a {
 public:
  void add(std::string_view text) {
    for (unsigned char c : text) {
      hash_ ^= c;
      hash_ *= 0x100000001b3ULL;
    }
  }
  // 16 hex digits.
  std::string hex() const {
    char digits[17];
    std::snprintf(digits, sizeof digits, "%016llx", static_cast<unsigned long long>(hash_));
    return digits;
  }

 private:
  std::uint64_t hash_ = 0xcbf29ce484222325ULL;
};

}  // namespace miglint
