#pragma once

#include "parse/tokens.hpp"
#include "source/source_file.hpp"

#include "layouts/plan.hpp"

#include <miglint/migration.hpp>

#include <optional>
#include <string>
#include <vector>

namespace miglint {

// A file being linted: its text, and its scanner tokens once they are needed.
class LoadedFile {
 public:
  // `scan_now` for files whose comments matter: runner markers, or
  // miglint's own directives.
  LoadedFile(SourceFile source, bool scan_now);

  const SourceFile& source() const { return source_; }
  const std::string& text() const { return source_.text(); }

  // Scans the file on first use.
  const TokenStream& tokens() const;
  bool scanned() const { return tokens_.has_value(); }

 private:
  SourceFile source_;
  mutable std::optional<TokenStream> tokens_;
};

// The text of a migration file, read now unless it came from standard
// input; when it cannot be read, nullopt and a message in `errors`.
std::optional<std::string> input_text(const InputFile& input, std::vector<std::string>& errors);

// A range of a file that is split into statements on its own: a whole
// section, or a goose StatementBegin/StatementEnd block.
struct Chunk {
  std::size_t begin = 0;
  std::size_t end = 0;
};

struct Section {
  SectionKind kind = SectionKind::Up;
  const LoadedFile* file = nullptr;
  std::vector<Chunk> chunks;
  std::optional<std::size_t> marker;  // where the marker that opened it starts
  std::optional<Envelope> envelope;   // when its marker overrides the migration's
};

// A runner marker out of place, such as a goose StatementBegin that no
// StatementEnd closes: syntax-error reports it.
struct MarkerProblem {
  const LoadedFile* file = nullptr;
  std::size_t begin = 0;  // the marker's comment
  std::size_t end = 0;
  SectionKind section = SectionKind::Up;
  std::string message;
};

struct MigrationSections {
  std::vector<Section> sections;
  Envelope envelope = Envelope::None;
  std::vector<MarkerProblem> problems;
};

}  // namespace miglint
