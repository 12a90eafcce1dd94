#pragma once

#include <miglint/migration.hpp>
#include <miglint/rule.hpp>
#include <miglint/severity.hpp>

#include <string>

namespace miglint {

// 1-based; columns count characters, not bytes.
struct Position {
  int line = 1;
  int column = 1;
  auto operator<=>(const Position&) const = default;
};

struct Finding {
  const RuleMeta* rule = nullptr;
  Severity severity = Severity::Warning;
  std::string path;  // as the user gave it
  Position start;
  Position end;       // exclusive
  std::string message;
  std::string help;
  std::string migration;
  SectionKind section = SectionKind::Up;
  // The text of start.line, for reporters that show it; of a line longer
  // than 1 KiB, only 1 KiB around start, from column source_column on.
  std::string source_line;
  int source_column = 1;
  // The text of the statement the finding is in (perhaps with the comments
  // before it), by which a baseline recognises the finding wherever the
  // statement moves; empty for a finding about the migration as a whole or
  // about a comment between statements. Filled only under
  // CheckSettings::keep_statement_text.
  std::string statement;
};

}  // namespace miglint
