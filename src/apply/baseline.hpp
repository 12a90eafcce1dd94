#pragma once

#include "apply/history.hpp"
#include "layouts/plan.hpp"

#include <string>
#include <vector>

namespace miglint::apply {

// A row that says `plan` is applied although miglint never ran it: the
// checksums of its files as they are now, and the transaction mode it would
// run in on a server of `pg_version`.
HistoryRow baselined_row(const MigrationPlan& plan, int pg_version);

// Records a baselined row for each plan the history does not hold yet, all
// in one transaction, and returns the versions it recorded. Rows already
// there are kept as they are, so running it twice changes nothing. The
// transaction takes the history's advisory lock without waiting: while an
// `apply` holds it, this throws a DatabaseError (55P03) and writes nothing.
std::vector<std::string> record_baselined(Connection& connection, const History& history,
                                          const std::vector<const MigrationPlan*>& plans);

}  // namespace miglint::apply
