#include "layouts/naming.hpp"

#include <algorithm>
#include <array>
#include <cctype>

namespace miglint {

namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }

std::string_view strip_suffix(std::string_view text, std::string_view suffix) {
  return text.ends_with(suffix) ? text.substr(0, text.size() - suffix.size()) : text;
}

std::string lower(std::string_view text) {
  std::string result(text);
  for (char& c : result) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return result;
}

}  // namespace

VersionedName split_version(std::string_view stem) {
  std::size_t end = 0;
  while (end < stem.size() && is_digit(stem[end])) {
    while (end < stem.size() && is_digit(stem[end])) ++end;
    // Another all-digit group after a separator still belongs to the version.
    std::size_t next = end + 1;
    if (end < stem.size() && (stem[end] == '_' || stem[end] == '.') && next < stem.size() && is_digit(stem[next])) {
      std::size_t group_end = next;
      while (group_end < stem.size() && is_digit(stem[group_end])) ++group_end;
      if (group_end == stem.size() || stem[group_end] == '_' || stem[group_end] == '.' || stem[group_end] == '-') {
        end = next;
        continue;
      }
    }
    break;
  }
  std::string_view name = stem.substr(end);
  while (!name.empty() && (name.front() == '_' || name.front() == '-' || name.front() == '.')) name.remove_prefix(1);
  return {std::string(stem.substr(0, end)), std::string(name)};
}

bool natural_less(std::string_view a, std::string_view b) {
  // Names in one directory share long prefixes; skip the common part, back
  // to the start of the digit run it may end in.
  std::size_t common = std::mismatch(a.begin(), a.begin() + std::min(a.size(), b.size()), b.begin()).first - a.begin();
  while (common > 0 && is_digit(a[common - 1])) --common;
  std::size_t i = common, j = common;
  while (i < a.size() && j < b.size()) {
    if (is_digit(a[i]) && is_digit(b[j])) {
      std::size_t a_end = i, b_end = j;
      while (a_end < a.size() && is_digit(a[a_end])) ++a_end;
      while (b_end < b.size() && is_digit(b[b_end])) ++b_end;
      std::string_view x = a.substr(i, a_end - i), y = b.substr(j, b_end - j);
      while (x.size() > 1 && x.front() == '0') x.remove_prefix(1);
      while (y.size() > 1 && y.front() == '0') y.remove_prefix(1);
      if (x.size() != y.size()) return x.size() < y.size();
      if (x != y) return x < y;
      i = a_end;
      j = b_end;
    } else {
      if (a[i] != b[j]) return a[i] < b[j];
      ++i;
      ++j;
    }
  }
  return a.size() - i < b.size() - j;
}

std::optional<UpDownName> parse_up_down(std::string_view filename) {
  std::string_view stem = strip_suffix(filename, ".sql");
  if (stem.size() == filename.size()) return std::nullopt;
  UpDownName result;
  if (stem.ends_with(".up")) {
    result.direction = SectionKind::Up;
    stem = strip_suffix(stem, ".up");
  } else if (stem.ends_with(".down")) {
    result.direction = SectionKind::Down;
    stem = strip_suffix(stem, ".down");
  } else {
    return std::nullopt;
  }
  static constexpr std::array kDialects{"postgres", "postgresql", "pg", "cockroach", "cockroachdb", "crdb",
                                        "mysql",    "sqlite",     "sqlite3", "mssql", "sqlserver", "oracle"};
  if (auto dot = stem.rfind('.'); dot != std::string_view::npos) {
    std::string dialect = lower(stem.substr(dot + 1));
    for (std::string_view known : kDialects)
      if (dialect == known) {
        result.dialect = dialect;
        stem = stem.substr(0, dot);
        break;
      }
  }
  result.key = std::string(stem);
  return result;
}

bool is_foreign_dialect(std::string_view dialect) {
  return !dialect.empty() && dialect != "postgres" && dialect != "postgresql" && dialect != "pg";
}

std::optional<FlywayName> parse_flyway(std::string_view filename) {
  std::string_view stem = strip_suffix(filename, ".sql");
  if (stem.size() == filename.size() || stem.size() < 3) return std::nullopt;
  char prefix = stem[0];
  auto separator = stem.find("__");
  if (separator == std::string_view::npos) return std::nullopt;
  std::string_view version = stem.substr(1, separator - 1);
  if (prefix == 'R') {
    if (!version.empty()) return std::nullopt;
  } else if (prefix == 'V' || prefix == 'U') {
    if (version.empty() || !is_digit(version[0])) return std::nullopt;
    for (char c : version)
      if (!is_digit(c) && c != '.' && c != '_') return std::nullopt;
  } else {
    return std::nullopt;
  }
  FlywayName result{prefix, std::string(version), std::string(stem.substr(separator + 2))};
  // Flyway accepts 1_1 for 1.1.
  for (char& c : result.version)
    if (c == '_') c = '.';
  return result;
}

}  // namespace miglint
