#pragma once

#include <miglint/state.hpp>

#include <string>

namespace miglint::rules {

// A relation as findings name it: "public.users".
inline std::string quoted(const RelationName& name) { return "\"" + name.display() + "\""; }

}  // namespace miglint::rules
