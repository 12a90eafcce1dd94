#pragma once

#include <miglint/rule.hpp>

#include <ostream>
#include <span>
#include <string>
#include <string_view>

namespace miglint {

// docs/rules.md is this command's output; its header and the test that
// compares it with the metadata both tell contributors to run it.
constexpr std::string_view kRulesDocCommand = "build/miglint rules --format markdown > docs/rules.md";

// The target versions a rule covers: "all", ">= 12", "<= 10", "11-14" or "13".
std::string versions_text(PgVersions versions);

// `miglint rules`: one line per rule, in the order given.
void write_rules_table(std::ostream& out, std::span<const Rule* const> rules);
// `miglint rules --format json`: every metadata field of every rule.
void write_rules_json(std::ostream& out, std::span<const Rule* const> rules);
// `miglint rules --format markdown`: the text of docs/rules.md.
void write_rules_markdown(std::ostream& out, std::span<const Rule* const> rules);

// One rule's section of docs/rules.md; also the help SARIF viewers show.
void write_rule_markdown(std::ostream& out, const RuleMeta& meta);

// `miglint explain <id>`: everything about one rule, for a terminal.
void write_rule_explanation(std::ostream& out, const RuleMeta& meta);

}  // namespace miglint
