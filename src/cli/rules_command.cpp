#include "cli/commands.hpp"
#include "cli/examples.hpp"
#include "report/rule_docs.hpp"

#include <miglint/registry.hpp>

#include <iostream>
#include <memory>

namespace miglint::cli {

namespace {

int run_rules(const std::string& format) {
  if (format == "json")
    write_rules_json(std::cout, all_rules());
  else if (format == "markdown")
    write_rules_markdown(std::cout, all_rules());
  else
    write_rules_table(std::cout, all_rules());
  return kExitClean;
}

int run_explain(const std::string& id) {
  const Rule* rule = find_rule(id);
  if (!rule) throw unknown_rule_id("explain", id);
  write_rule_explanation(std::cout, rule->meta());
  return kExitClean;
}

}  // namespace

Command add_rules_command(CLI::App& app) {
  auto format = std::make_shared<std::string>("tty");
  CLI::App* rules_app = app.add_subcommand("rules", "List every rule: id, severity, default, target versions, summary");
  rules_app->add_option("--format", *format, "Output format; markdown is the text of docs/rules.md")
      ->check(CLI::IsMember({"tty", "text", "json", "markdown"}))
      ->capture_default_str();
  rules_app->footer(std::string(kRulesExamples));
  return {rules_app, [format] { return run_rules(*format); }};
}

Command add_explain_command(CLI::App& app) {
  auto id = std::make_shared<std::string>();
  CLI::App* explain_app = app.add_subcommand("explain", "Everything about one rule: why, the safe alternative, examples");
  explain_app->add_option("rule-id", *id, "The rule id, as `miglint rules` lists it")->required();
  explain_app->footer(std::string(kExplainExamples));
  return {explain_app, [id] { return run_explain(*id); }};
}

}  // namespace miglint::cli
