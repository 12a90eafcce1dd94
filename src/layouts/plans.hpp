#pragma once

#include "layouts/entries.hpp"

#include <optional>
#include <vector>

namespace miglint {

// The layout of a directory's .sql files: `forced` if given, else by their
// names, else by the runner markers in their first lines.
Layout classify(const std::vector<Entry>& files, std::optional<Layout> forced);

// The migrations `files` (one directory's, in natural order) make in `layout`, in the runner's order.
std::vector<MigrationPlan> plans_for(Layout layout, const std::vector<Entry>& files);

// The plan for one file of `layout`, even when its name does not follow the
// layout's pattern: the layout's envelope and down support still apply.
MigrationPlan single_file_plan(Layout layout, const Entry& file);

// The changes of the sqitch project in `dir`, in sqitch.plan order.
std::vector<MigrationPlan> sqitch_plans(const std::string& dir, const std::string& display);

}  // namespace miglint
