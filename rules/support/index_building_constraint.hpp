#pragma once

#include <miglint/context.hpp>
#include <miglint/node.hpp>

#include <string_view>

namespace miglint::rules {

// Reports each constraint of `contype` that an AlterTableCmd adds to a table
// running code may use by building a new index under ACCESS EXCLUSIVE (not
// `USING INDEX`, which reuses one built beforehand). `keyword` is the
// constraint as SQL spells it; `build` says what building it involves.
void report_index_building_constraints(const Node& command, Context& context, std::string_view contype,
                                       std::string_view keyword, std::string_view build);

}  // namespace miglint::rules
