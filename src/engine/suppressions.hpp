#pragma once

#include "engine/walk.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace miglint {

// What a comment says when it is a directive: `body` is the comment's text
// after `--` or inside `/* */`, as comment_body() gives it.
struct DirectiveText {
  std::vector<std::string> rules;
  bool has_reason = false;
  bool whole_file = false;
};
std::optional<DirectiveText> parse_directive(std::string_view body);

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

  // Whether a directive silences the finding; each directive counts what it silenced.
  bool silences(const RawFinding& finding);

  // Every directive, with what it silenced, for the rules about suppressions.
  std::vector<SuppressionFacts> facts() const;

 private:
  struct Directive {
    const LoadedFile* file = nullptr;
    std::size_t offset = 0;
    DirectiveText text;
    std::optional<StatementExtent> target;
    std::size_t silenced = 0;
  };
  std::vector<Directive> directives_;
};

}  // namespace miglint
