#pragma once

#include "engine/loaded.hpp"
#include "layouts/plan.hpp"

namespace miglint {

// Whether the runner reads markers from the file's comments.
bool has_markers(Layout layout);

// Cuts a migration's files into up, down and verify sections, following the
// runner's markers, and settles its transaction envelope.
MigrationSections build_sections(const MigrationPlan& plan, const LoadedFile* file, const LoadedFile* down_file,
                                 const LoadedFile* verify_file);

}  // namespace miglint
