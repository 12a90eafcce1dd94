#pragma once

// A baseline records the findings a repository already has, so that a run
// reports only new ones (docs/baseline.md).

#include "engine/check.hpp"

#include <nlohmann/json_fwd.hpp>

#include <cstddef>
#include <ostream>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace miglint {

// One recorded finding. The rule, the path and the fingerprint identify it;
// the message and the line only tell a reader of the file what it was.
struct BaselineEntry {
  std::string rule;
  std::string path;         // relative to the baseline file's directory, with `/`
  std::string fingerprint;  // statement_fingerprint() of the finding's statement
  std::string message;
  int line = 0;
};

// As the baseline file and the JSON report write it.
void to_json(nlohmann::ordered_json& json, const BaselineEntry& entry);

struct Baseline {
  std::string file;  // as given
  std::vector<BaselineEntry> entries;
};

// Throws InputError, naming the file, when it is missing or unreadable, is
// not JSON (with the line and column), is not a baseline this miglint
// writes, or names a rule this miglint does not have.
Baseline read_baseline(const std::string& file);
// The same, of a baseline's text; `file` names it in messages.
Baseline parse_baseline(const std::string& text, const std::string& file);

// Records `findings` in `file`, replacing it whole or not at all; returns
// how many it recorded. Throws InputError when the file cannot be written.
std::size_t write_baseline(const std::string& file, const std::vector<Finding>& findings);

// What a run linted. Only an entry for one of these files and rules can be
// found stale: a run over some migrations, or with some rules, cannot tell
// whether the others' findings were fixed.
struct BaselineScope {
  std::vector<std::string> paths;  // as given
  std::set<std::string_view> rules;

  void add(const std::vector<MigrationPlan>& plans, const CheckSettings& settings);
};

struct BaselineMatch {
  std::string file;
  std::size_t matched = 0;  // findings left out of the report
  // Entries in scope that no finding matched: findings since fixed.
  std::vector<BaselineEntry> stale;
};

// Takes the findings the baseline records out of `outcome`: each entry
// accounts for one finding with its rule, path and fingerprint. When some
// input could not be read, no entry is called stale.
BaselineMatch apply_baseline(const Baseline& baseline, CheckOutcome& outcome, const BaselineScope& scope);

// Says on `out` which entries are stale, if any.
void write_stale_entries(std::ostream& out, const BaselineMatch& match);

}  // namespace miglint
