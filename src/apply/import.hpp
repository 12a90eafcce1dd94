#pragma once

#include "apply/connection.hpp"
#include "layouts/plan.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace miglint::apply {

// A runner whose history table `miglint import` reads.
enum class ForeignRunner { GolangMigrate, Dbmate, Goose, Flyway, Prisma };

std::optional<ForeignRunner> parse_foreign_runner(std::string_view name);
std::vector<std::string> foreign_runner_names();
std::string_view to_string(ForeignRunner runner);
// The table the runner creates when not told otherwise.
std::string_view default_history_table(ForeignRunner runner);

// The other runner's history cannot be taken as it is: golang-migrate marked
// it dirty, or the table is not there. An input miglint cannot use: exit 2.
struct ImportRefused : InputError {
  using InputError::InputError;
};

// What another runner's history says was applied, matched to the files.
struct ForeignHistory {
  std::vector<const MigrationPlan*> applied;  // in runner order
  std::vector<std::string> without_file;      // the runner's versions that no file has, as it wrote them
};

// Reads `table` as `runner` writes it, and finds the migration each applied
// version stands for. Versions are compared as the runner compares them:
// numerically (0001 is 1), Flyway's 1_1 as 1.1, Prisma's by folder name.
ForeignHistory read_foreign_history(Connection& connection, ForeignRunner runner, const std::string& table,
                                    const std::vector<MigrationPlan>& plans);

}  // namespace miglint::apply
