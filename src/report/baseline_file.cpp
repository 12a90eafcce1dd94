// The baseline file: one JSON document, sorted and indented so that it
// diffs well under version control.

#include "layouts/plan.hpp"
#include "report/baseline.hpp"
#include "report/baseline_identity.hpp"
#include "source/read_file.hpp"
#include "version.hpp"

#include <miglint/registry.hpp>

#include <fcntl.h>
#include <unistd.h>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <tuple>

namespace miglint {

namespace {

using Json = nlohmann::json;

constexpr int kFormatVersion = 1;

// What to do about a baseline miglint cannot use.
constexpr std::string_view kRemedy =
    "restore it from version control, or write it again with --write-baseline (which records every finding there is "
    "now)";

// Of a 1-based byte offset, as nlohmann reports it; columns count code points.
Position position_at(std::string_view text, std::size_t byte) {
  std::size_t offset = std::min(byte > 0 ? byte - 1 : 0, text.size());
  std::size_t newline = offset == 0 ? std::string_view::npos : text.rfind('\n', offset - 1);
  std::size_t line_start = newline == std::string_view::npos ? 0 : newline + 1;
  Position position;
  position.line = 1 + static_cast<int>(std::count(text.begin(), text.begin() + offset, '\n'));
  for (std::size_t i = line_start; i < offset; ++i)
    if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) ++position.column;
  return position;
}

Json parse(const std::string& file, const std::string& text) {
  try {
    return Json::parse(text);
  } catch (const Json::parse_error& error) {
    Position at = position_at(text, error.byte);
    // nlohmann's own text starts with an id and a position: keep what follows.
    std::string_view detail = error.what();
    if (std::size_t colon = detail.find(": "); colon != std::string_view::npos) detail.remove_prefix(colon + 2);
    throw InputError(file + ":" + std::to_string(at.line) + ":" + std::to_string(at.column) +
                     ": the baseline is not valid JSON: " + std::string(detail) + "; " + std::string(kRemedy));
  } catch (const Json::out_of_range&) {
    // Valid JSON, with a number beyond what a double holds; nlohmann says
    // neither where nor in less than the whole number.
    throw InputError(file + ": the baseline holds a number too large to read; " + std::string(kRemedy));
  }
}

// Checks the document's shape, naming the file and the entry at fault.
class EntryReader {
 public:
  explicit EntryReader(const std::string& file) : file_(file) {}

  [[noreturn]] void fail(const std::string& problem) const {
    throw InputError(file_ + ": " + problem + "; " + std::string(kRemedy));
  }

  const Json& member(const Json& object, const std::string& where, const char* name,
                     bool (Json::*has_type)() const noexcept, const char* type) const {
    auto found = object.find(name);
    if (found == object.end()) fail(where + "\"" + name + "\" is missing");
    if (!((*found).*has_type)()) fail(where + "\"" + name + "\" is not " + type);
    return *found;
  }

  BaselineEntry entry(const Json& object, std::size_t index) const {
    std::string where = "entries[" + std::to_string(index) + "]: ";
    if (!object.is_object()) fail(where + "not an object");
    BaselineEntry entry;
    entry.rule = member(object, where, "rule", &Json::is_string, "a string").get<std::string>();
    if (!find_rule(entry.rule))
      fail(where + "unknown rule id \"" + entry.rule + "\" (written by another version of miglint?)");
    entry.path = std::filesystem::path(member(object, where, "path", &Json::is_string, "a string").get<std::string>())
                     .lexically_normal()
                     .generic_string();
    entry.fingerprint = member(object, where, "fingerprint", &Json::is_string, "a string").get<std::string>();
    // For people only, so they may be left out.
    if (object.contains("message"))
      entry.message = member(object, where, "message", &Json::is_string, "a string").get<std::string>();
    if (object.contains("line"))
      entry.line = member(object, where, "line", &Json::is_number_integer, "an integer").get<int>();
    return entry;
  }

 private:
  const std::string& file_;
};

// Through a temporary file beside it, renamed over it: an interrupted run
// leaves the old file whole.
void replace_file(const std::string& file, const std::string& text) {
  std::string temporary = file + ".tmp." + std::to_string(::getpid());
  auto fail = [&] {
    std::string reason = std::strerror(errno);
    ::unlink(temporary.c_str());
    throw InputError(file + ": cannot write the baseline: " + reason);
  };
  int fd = ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
  if (fd < 0) fail();
  for (std::size_t written = 0; written < text.size();) {
    ssize_t n = ::write(fd, text.data() + written, text.size() - written);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      ::close(fd);
      fail();
    }
    written += static_cast<std::size_t>(n);
  }
  if (::fsync(fd) != 0 || ::close(fd) != 0 || ::rename(temporary.c_str(), file.c_str()) != 0) fail();
}

}  // namespace

void to_json(nlohmann::ordered_json& json, const BaselineEntry& entry) {
  json = {{"rule", entry.rule},
          {"path", entry.path},
          {"fingerprint", entry.fingerprint},
          {"message", entry.message},
          {"line", entry.line}};
}

Baseline read_baseline(const std::string& file) {
  std::string error;
  std::optional<std::string> text = read_file(file, error);
  if (!text)
    throw InputError(file + ": cannot read the baseline: " + error +
                     "; to record one, run miglint check --write-baseline " + file);
  return parse_baseline(*text, file);
}

Baseline parse_baseline(const std::string& text, const std::string& file) {
  Json document = parse(file, text);
  EntryReader reader(file);
  if (!document.is_object()) reader.fail("not a miglint baseline: the document is not a JSON object");
  const Json& version = reader.member(document, "", "version", &Json::is_number_integer, "an integer");
  if (version != kFormatVersion)
    reader.fail("baseline version " + version.dump() + " is not one this miglint reads (" +
                std::to_string(kFormatVersion) + ")");
  const Json& entries = reader.member(document, "", "entries", &Json::is_array, "an array");
  Baseline baseline{file, {}};
  for (std::size_t i = 0; i < entries.size(); ++i) baseline.entries.push_back(reader.entry(entries[i], i));
  return baseline;
}

std::size_t write_baseline(const std::string& file, const std::vector<Finding>& findings) {
  BaselinePaths paths(file);
  std::vector<std::string> fingerprints = statement_fingerprints(findings);
  std::vector<BaselineEntry> entries;
  entries.reserve(findings.size());
  for (std::size_t i = 0; i < findings.size(); ++i) {
    const Finding& finding = findings[i];
    entries.push_back({std::string(finding.rule->id), paths.of(finding.path), std::move(fingerprints[i]),
                       finding.message, finding.start.line});
  }
  // Paths and lines keep the file in reading order; the rest keeps equal places in one order.
  std::sort(entries.begin(), entries.end(), [](const BaselineEntry& a, const BaselineEntry& b) {
    return std::tie(a.path, a.line, a.rule, a.fingerprint, a.message) <
           std::tie(b.path, b.line, b.rule, b.fingerprint, b.message);
  });

  nlohmann::ordered_json document = {
      {"version", kFormatVersion},
      {"tool", {{"name", "miglint"}, {"version", kVersion}}},
      {"entries", entries},
  };
  // Text that is not valid UTF-8 (a path, a quoted name) is written with U+FFFD in its place.
  replace_file(file, document.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) + "\n");
  return entries.size();
}

}  // namespace miglint
