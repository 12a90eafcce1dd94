#pragma once

#include <miglint/finding.hpp>

#include <string>
#include <vector>

namespace miglint {

// A finding's identity across edits: the rule, the file, the message and the
// text of the line it starts on with blanks collapsed, but not its line
// number, so that moving the statement, re-indenting it or adding lines
// elsewhere keeps it. 16 hex digits.
std::string fingerprint(const Finding& finding);
// For a report that needs every fingerprint distinct: the n-th further
// finding with the same fingerprint. Occurrence 0 is fingerprint(finding).
std::string fingerprint(const Finding& finding, std::size_t occurrence);

// One fingerprint per finding, all distinct: a finding that recurs on an
// identical line gets the next occurrence's, counted in report order, so
// the same run gives the same fingerprints. GitLab drops findings whose
// fingerprints repeat, and GitHub merges their alerts.
std::vector<std::string> distinct_fingerprints(const std::vector<Finding>& findings);

}  // namespace miglint
