#pragma once

#include <cstddef>
#include <span>
#include <string>
#include <vector>

namespace miglint {

// A template variable a runner or deploy script fills in before the SQL
// reaches PostgreSQL, and the text that stands in for it while linting.
// A blank in `pattern` matches any run of blanks in the file, or none, so
// `{{ index .Options "Namespace" }}` also matches `{{index .Options "Namespace"}}`.
struct Placeholder {
  std::string pattern;
  std::string replacement;
};

// Where a replacement went: [text_begin, text_end) in the substituted text
// stands for [original_begin, original_end) in the file.
struct Replacement {
  std::size_t original_begin = 0;
  std::size_t original_end = 0;
  std::size_t text_begin = 0;
  std::size_t text_end = 0;
};

struct SubstitutedText {
  std::string text;
  std::vector<Replacement> replacements;  // in file order
};

// Replaces every occurrence of each placeholder, leftmost first; at one
// position the longest match wins.
SubstitutedText substitute_placeholders(const std::string& original, std::span<const Placeholder> placeholders);

}  // namespace miglint
