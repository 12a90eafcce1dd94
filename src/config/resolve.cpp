#include "config/resolve.hpp"

#include "config/path_glob.hpp"

#include <miglint/registry.hpp>

#include <algorithm>
#include <map>
#include <unordered_map>

namespace miglint {

namespace fs = std::filesystem;

namespace {

std::string listed(const std::vector<const Rule*>& rules) {
  std::string text;
  for (const Rule* rule : rules) text += (text.empty() ? "" : ", ") + std::string(rule->meta().id);
  return text;
}

std::string where(const ConfigOrigin& origin) { return origin.file.string() + ":" + std::to_string(origin.line); }

std::string config_list(std::string_view key, const RuleList& list) {
  return std::string(key) + " = [" + listed(list.rules) + "] (" + where(list.origin) + ")";
}

}  // namespace

ResolvedConfig::ResolvedConfig(Config config, const CommandLineChoices& command_line)
    : config_(std::move(config)),
      pg_version_(command_line.pg_version.value_or(config_.pg_version.value_or(15))),
      layout_(command_line.layout ? command_line.layout : config_.layout),
      fail_on_(command_line.fail_on.value_or(config_.fail_on.value_or(Severity::Warning))),
      command_line_selects_(command_line.select.has_value()),
      command_line_ignore_(command_line.ignore),
      directory_(config_.file.empty() ? fs::path() : fs::absolute(config_.file).lexically_normal().parent_path()) {
  const RuleChoices& chosen = config_.choices;
  std::vector<const Rule*> selected;
  if (command_line.select) selected = *command_line.select;
  else if (chosen.select) selected = chosen.select->rules;
  else
    for (const Rule* rule : all_rules())
      if (rule->meta().enabled_by_default) selected.push_back(rule);
  if (!command_line.select && chosen.extend_select)
    selected.insert(selected.end(), chosen.extend_select->rules.begin(), chosen.extend_select->rules.end());
  selected.insert(selected.end(), command_line.extend_select.begin(), command_line.extend_select.end());
  for (const Rule* rule : selected) base_.enabled[rule->meta().id] = configured_severity(rule);
  if (chosen.ignore)
    for (const Rule* rule : chosen.ignore->rules) base_.enabled.erase(rule->meta().id);
  for (const Rule* rule : command_line.ignore) base_.enabled.erase(rule->meta().id);
  announce_merges(command_line);
}

Severity ResolvedConfig::configured_severity(const Rule* rule) const {
  Severity severity = rule->meta().severity;
  for (const SeverityOverride& entry : config_.choices.severity)
    if (entry.rule == rule) severity = entry.severity;
  return severity;
}

void ResolvedConfig::announce_merges(const CommandLineChoices& command_line) {
  const RuleChoices& chosen = config_.choices;
  if (command_line.select) {
    std::string option = "--select " + listed(*command_line.select);
    if (chosen.select) notes_.push_back(option + " replaces " + config_list("select", *chosen.select));
    if (chosen.extend_select) notes_.push_back(option + " replaces " + config_list("extend_select", *chosen.extend_select));
    for (const PathOverride& entry : config_.per_path)
      if (entry.choices.select || entry.choices.extend_select)
        notes_.push_back(option + " replaces the select and extend_select of [per-path.\"" + entry.glob + "\"] (" +
                         where(entry.origin) + ")");
  }
  if (!command_line.extend_select.empty()) {
    std::string option = "--extend-select " + listed(command_line.extend_select);
    if (!command_line.select && chosen.select) notes_.push_back(option + " is added to " + config_list("select", *chosen.select));
    if (!command_line.select && chosen.extend_select)
      notes_.push_back(option + " is added to " + config_list("extend_select", *chosen.extend_select));
  }
  if (!command_line.ignore.empty() && chosen.ignore)
    notes_.push_back("--ignore " + listed(command_line.ignore) + " is added to " + config_list("ignore", *chosen.ignore));
}

std::vector<const Rule*> ResolvedConfig::rules_to_run() const {
  std::vector<const Rule*> rules;
  auto wanted = [&](const Rule* rule) {
    std::string_view id = rule->meta().id;
    if (base_.enabled.contains(id)) return true;
    if (std::find(command_line_ignore_.begin(), command_line_ignore_.end(), rule) != command_line_ignore_.end())
      return false;
    for (const PathOverride& entry : config_.per_path) {
      if (command_line_selects_) continue;
      for (const std::optional<RuleList>* list : {&entry.choices.select, &entry.choices.extend_select})
        if (*list && std::find((*list)->rules.begin(), (*list)->rules.end(), rule) != (*list)->rules.end()) return true;
    }
    return false;
  };
  for (const Rule* rule : all_rules())
    if (wanted(rule)) rules.push_back(rule);
  return rules;
}

std::vector<std::size_t> ResolvedConfig::matching_entries(const fs::path& file) const {
  std::vector<std::size_t> matching;
  if (config_.per_path.empty()) return matching;
  fs::path relative = fs::absolute(file).lexically_normal().lexically_relative(directory_);
  std::string path = relative.generic_string();
  if (relative.empty() || path.starts_with("../")) return matching;
  for (std::size_t entry = 0; entry < config_.per_path.size(); ++entry)
    if (path_matches_glob(config_.per_path[entry].glob, path)) matching.push_back(entry);
  return matching;
}

RulePolicy ResolvedConfig::policy_for(const fs::path& file) const {
  RulePolicy policy = base_;
  for (std::size_t index : matching_entries(file)) {
    const PathOverride& entry = config_.per_path[index];
    const RuleChoices& choices = entry.choices;
    if (!command_line_selects_) {
      if (choices.select) {
        policy.enabled.clear();
        for (const Rule* rule : choices.select->rules) policy.enabled[rule->meta().id] = configured_severity(rule);
      }
      if (choices.extend_select)
        for (const Rule* rule : choices.extend_select->rules) policy.enabled[rule->meta().id] = configured_severity(rule);
    }
    if (choices.ignore)
      for (const Rule* rule : choices.ignore->rules) policy.enabled.erase(rule->meta().id);
    for (const SeverityOverride& override : choices.severity)
      if (auto found = policy.enabled.find(override.rule->meta().id); found != policy.enabled.end())
        found->second = override.severity;
  }
  for (const Rule* rule : command_line_ignore_) policy.enabled.erase(rule->meta().id);
  return policy;
}

void apply_policies(std::vector<Finding>& findings, const ResolvedConfig& config) {
  // Files that match the same [per-path] entries share one policy; without
  // entries, that is every file.
  std::map<std::vector<std::size_t>, RulePolicy> by_entries;
  std::unordered_map<std::string, const RulePolicy*> by_path;
  std::erase_if(findings, [&](Finding& finding) {
    auto [path, added] = by_path.try_emplace(finding.path, nullptr);
    if (added) {
      auto [policy, computed] = by_entries.try_emplace(config.matching_entries(finding.path));
      if (computed) policy->second = config.policy_for(finding.path);
      path->second = &policy->second;
    }
    auto enabled = path->second->enabled.find(finding.rule->id);
    if (enabled == path->second->enabled.end()) return true;
    finding.severity = enabled->second;
    return false;
  });
}

}  // namespace miglint
