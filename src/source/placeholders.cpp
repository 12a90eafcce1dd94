#include "source/placeholders.hpp"

#include <optional>

namespace miglint {

namespace {

bool is_blank(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

// The length of the match of `pattern` at `at`, if it matches there.
std::optional<std::size_t> match_at(const std::string& text, std::size_t at, const std::string& pattern) {
  std::size_t t = at;
  std::size_t p = 0;
  while (p < pattern.size()) {
    if (is_blank(pattern[p])) {
      while (p < pattern.size() && is_blank(pattern[p])) ++p;
      while (t < text.size() && is_blank(text[t])) ++t;
      continue;
    }
    if (t >= text.size() || text[t] != pattern[p]) return std::nullopt;
    ++t;
    ++p;
  }
  return t - at;
}

}  // namespace

SubstitutedText substitute_placeholders(const std::string& original, std::span<const Placeholder> placeholders) {
  SubstitutedText result;
  std::size_t copied = 0;
  for (std::size_t at = 0; at < original.size();) {
    const Placeholder* best = nullptr;
    std::size_t best_length = 0;
    for (const Placeholder& placeholder : placeholders) {
      if (placeholder.pattern.empty() || original[at] != placeholder.pattern.front()) continue;
      std::optional<std::size_t> length = match_at(original, at, placeholder.pattern);
      if (length && *length > best_length) {
        best = &placeholder;
        best_length = *length;
      }
    }
    if (!best) {
      ++at;
      continue;
    }
    result.text.append(original, copied, at - copied);
    std::size_t text_begin = result.text.size();
    result.text += best->replacement;
    result.replacements.push_back({at, at + best_length, text_begin, result.text.size()});
    at += best_length;
    copied = at;
  }
  result.text.append(original, copied);
  return result;
}

}  // namespace miglint
