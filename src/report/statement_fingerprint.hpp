#pragma once

#include <string>

namespace miglint {

// What a baseline knows a statement by, 16 hex digits. It stays the same
// when the statement is re-indented, reflowed or commented, and changes when
// a name, a keyword or a constant does. Empty for an empty statement.
//
// A statement that parses is known by libpg_query's fingerprint of its tree,
// which ignores blanks, comments and letter case, and also the values of
// constants. A DO block's or a function's body is a constant, and so are
// TRUE and NULL, so the constants are added: strings and numbers as written,
// with runs of blanks collapsed. A statement that does not parse is known by
// its tokens.
std::string statement_fingerprint(const std::string& statement);

}  // namespace miglint
