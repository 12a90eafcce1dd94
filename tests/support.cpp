#include "support.hpp"

#include <sys/wait.h>

#include <algorithm>
#include <array>
#include <cstdio>

namespace miglint::test {

CommandResult run(const std::string& command_line) {
  CommandResult result;
  FILE* pipe = ::popen(command_line.c_str(), "r");
  if (!pipe) return result;
  std::array<char, 4096> buffer{};
  while (std::size_t n = std::fread(buffer.data(), 1, buffer.size(), pipe)) result.out.append(buffer.data(), n);
  int status = ::pclose(pipe);
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return result;
}

}  // namespace miglint::test

#include "parse/tokens.hpp"

#include <doctest/doctest.h>

#include <fstream>
#include <sstream>

namespace miglint::test {

namespace {

std::vector<std::string> split_list(std::string_view list) {
  std::vector<std::string> items;
  std::size_t i = 0;
  while (i < list.size()) {
    while (i < list.size() && (list[i] == ',' || list[i] == ' ')) ++i;
    std::size_t start = i;
    while (i < list.size() && list[i] != ',' && list[i] != ' ') ++i;
    if (i > start) items.emplace_back(list.substr(start, i - start));
  }
  return items;
}

int line_of(const std::string& text, std::size_t offset) {
  return 1 + static_cast<int>(std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(offset), '\n'));
}

}  // namespace

namespace {

constexpr std::int32_t kStringConstant = 261;  // SCONST in libpg_query's token enum

// The comments of `text[begin, end)`, and of the dollar-quoted bodies in it
// (DO blocks and functions), whose comments the scanner sees as string text.
void collect_expectations(const std::string& display_path, const std::string& text, std::size_t begin,
                          std::size_t end, std::vector<Expected>& expected) {
  constexpr std::string_view kMarker = "expect:";
  std::string part = text.substr(begin, end - begin);
  for (Token token : scan(part).tokens) {
    token.start += static_cast<std::uint32_t>(begin);
    token.end += static_cast<std::uint32_t>(begin);
    if (token.kind == kStringConstant && text[token.start] == '$') {
      std::size_t opening = text.find('$', token.start + 1) + 1;
      std::size_t closing = text.rfind('$', token.end - 2);  // where the closing delimiter starts
      if (opening < closing) collect_expectations(display_path, text, opening, closing, expected);
      continue;
    }
    if (!token.is_comment()) continue;
    std::string_view body = comment_body(text, token);
    // At the start of a comment, or after a marker: `-- DOWN -- expect: x`.
    std::size_t at = body.starts_with(kMarker) ? 0 : body.find(std::string("-- ") + std::string(kMarker));
    if (at == std::string_view::npos) continue;
    if (at != 0) at += 3;
    for (std::string& rule : split_list(body.substr(at + kMarker.size())))
      expected.push_back({display_path, line_of(text, token.start), std::move(rule)});
  }
}

}  // namespace

std::vector<Expected> expectations_in(const std::string& display_path, const std::string& text) {
  std::vector<Expected> expected;
  collect_expectations(display_path, text, 0, text.size(), expected);
  std::sort(expected.begin(), expected.end());
  return expected;
}

std::vector<Expected> as_expected(const std::vector<Finding>& findings) {
  std::vector<Expected> result;
  for (const Finding& finding : findings) result.push_back({finding.path, finding.start.line, std::string(finding.rule->id)});
  std::sort(result.begin(), result.end());
  return result;
}

FixtureOptions fixture_options(const std::string& text) {
  FixtureOptions options;
  constexpr std::string_view kHeader = "-- miglint-test:";
  std::string_view first_line = std::string_view(text).substr(0, text.find('\n'));
  if (!first_line.starts_with(kHeader)) return options;
  for (const std::string& setting : split_list(first_line.substr(kHeader.size()))) {
    auto equals = setting.find('=');
    REQUIRE_MESSAGE(equals != std::string::npos, "bad fixture option: " << setting);
    std::string key = setting.substr(0, equals), value = setting.substr(equals + 1);
    if (key == "pg") {
      options.pg_version = std::stoi(value);
    } else if (key == "layout") {
      auto layout = parse_layout(value);
      REQUIRE_MESSAGE(layout.has_value(), "unknown layout in fixture header: " << value);
      options.layout = *layout;
    } else if (key == "enable") {
      REQUIRE_MESSAGE(find_rule(value) != nullptr, "unknown rule in fixture header: " << value);
      options.enable.push_back(value);
    } else {
      FAIL("unknown fixture option: " << key);
    }
  }
  return options;
}

std::string read_text(const std::filesystem::path& path) {
  std::ifstream stream(path, std::ios::binary);
  std::ostringstream buffer;
  buffer << stream.rdbuf();
  return std::move(buffer).str();
}

}  // namespace miglint::test
