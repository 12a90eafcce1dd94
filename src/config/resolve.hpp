#pragma once

#include "config/config.hpp"

#include <miglint/finding.hpp>

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace miglint {

// What the command line chose; an absent value leaves the config file's.
struct CommandLineChoices {
  std::optional<int> pg_version;
  std::optional<Layout> layout;
  std::optional<Severity> fail_on;
  std::optional<std::vector<const Rule*>> select;  // replaces the config's select and extend_select
  std::vector<const Rule*> extend_select;          // added to the config's
  std::vector<const Rule*> ignore;                 // added to the config's, and applied last
};

// The rules in force for one file, with the severity of each.
struct RulePolicy {
  std::map<std::string_view, Severity> enabled;  // by rule id
};

// A config file and the command line, merged. Where both set a list,
// `notes` says how they were combined, naming both.
class ResolvedConfig {
 public:
  ResolvedConfig(Config config, const CommandLineChoices& command_line);

  const Config& config() const { return config_; }
  int pg_version() const { return pg_version_; }
  std::optional<Layout> layout() const { return layout_; }
  Severity fail_on() const { return fail_on_; }
  const std::vector<std::string>& notes() const { return notes_; }

  // Every rule some file may need: the engine runs these, and findings are
  // then kept or dropped per file.
  std::vector<const Rule*> rules_to_run() const;
  // For a file named as the user gave it (relative to the working directory).
  RulePolicy policy_for(const std::filesystem::path& file) const;
  // The [per-path] entries whose glob matches the file, by position.
  std::vector<std::size_t> matching_entries(const std::filesystem::path& file) const;

 private:
  void announce_merges(const CommandLineChoices& command_line);
  // The rule's own severity, or the one the config's [severity] gives it.
  Severity configured_severity(const Rule* rule) const;

  Config config_;
  int pg_version_ = 15;
  std::optional<Layout> layout_;
  Severity fail_on_ = Severity::Warning;
  bool command_line_selects_ = false;
  RulePolicy base_;
  std::vector<const Rule*> command_line_ignore_;
  std::filesystem::path directory_;  // absolute: [per-path] globs are relative to it
  std::vector<std::string> notes_;
};

// Keeps the findings each file's policy enables, with that policy's severity.
void apply_policies(std::vector<Finding>& findings, const ResolvedConfig& config);

}  // namespace miglint
