#include "cli/commands.hpp"
#include "config/suggest.hpp"

#include <miglint/registry.hpp>

#include <string>
#include <vector>

namespace miglint::cli {

UsageError unknown_rule_id(std::string_view where, std::string_view id) {
  std::vector<std::string_view> ids;
  for (const Rule* rule : all_rules()) ids.push_back(rule->meta().id);
  std::string message = std::string(where) + ": unknown rule id '" + std::string(id) + "'; valid ids are:";
  for (std::string_view valid : ids) message += "\n  " + std::string(valid);
  // Last, where the terminal leaves the eye after the list.
  message += "\n";
  if (std::optional<std::string> meant = closest_name(id, ids)) message += "did you mean '" + *meant + "'? ";
  message += "`miglint rules` describes each rule";
  return UsageError(message);
}

}  // namespace miglint::cli
