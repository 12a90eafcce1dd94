#pragma once

#include "parse/tokens.hpp"
#include "source/source_file.hpp"

#include <miglint/migration.hpp>

#include <optional>
#include <vector>

namespace miglint {

struct LoadedFile {
  SourceFile source;
  TokenStream tokens;
};

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
};

struct MigrationSections {
  std::vector<Section> sections;
  Envelope envelope = Envelope::None;
};

}  // namespace miglint
