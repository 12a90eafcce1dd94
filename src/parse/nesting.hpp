#pragma once

#include "parse/tokens.hpp"

#include <cstddef>
#include <span>

namespace miglint {

// An upper bound on how deep the parse tree of one statement's tokens goes:
// nesting adds at most a level per token, except across a `,` or `;`, which
// separate list items rather than nest them. libpg_query and the walk over
// its tree take stack for every level, so a statement is parsed only when
// this bound is within what their stack holds.
std::size_t nesting_bound(std::span<const Token> tokens);

}  // namespace miglint
