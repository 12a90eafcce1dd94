#include "cli/commands.hpp"

#include <miglint/registry.hpp>

#include <string>

namespace miglint::cli {

UsageError unknown_rule_id(std::string_view where, std::string_view id) {
  std::string message = std::string(where) + ": unknown rule id '" + std::string(id) + "'; valid ids are:";
  for (const Rule* rule : all_rules()) message += "\n  " + std::string(rule->meta().id);
  return UsageError(message);
}

}  // namespace miglint::cli
