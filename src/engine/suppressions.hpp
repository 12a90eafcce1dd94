#pragma once

#include "engine/walk.hpp"

#include <string>
#include <vector>

namespace miglint {

struct StatementExtent {
  const LoadedFile* file = nullptr;
  std::size_t begin = 0;
  std::size_t end = 0;
};

// `-- miglint-ignore <rule>[, <rule>] -- <reason>` silences the statement after it;
// `-- miglint-ignore-file <rule> -- <reason>` silences the rule in the whole file.
// A finding about the migration as a whole has no statement, so any
// directive in the migration's files that names its rule silences it.
class Suppressions {
 public:
  Suppressions(const std::vector<const LoadedFile*>& files, const std::vector<StatementExtent>& statements);

  bool silences(const RawFinding& finding) const;

 private:
  struct Directive {
    const LoadedFile* file = nullptr;
    std::vector<std::string> rules;
    bool whole_file = false;
    std::optional<StatementExtent> target;
  };
  std::vector<Directive> directives_;
};

}  // namespace miglint
