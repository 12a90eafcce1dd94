#include "engine/suppressions.hpp"

#include <miglint/registry.hpp>

#include <algorithm>

namespace miglint {

namespace {

constexpr std::string_view kIgnore = "miglint-ignore";
constexpr std::string_view kIgnoreFile = "miglint-ignore-file";

// "a, b -- why": the reason is what follows a second `--`.
bool has_reason(std::string_view list) {
  auto separator = list.find("--");
  if (separator == std::string_view::npos) return false;
  std::string_view reason = list.substr(separator + 2);
  return reason.find_first_not_of(" \t") != std::string_view::npos;
}

std::vector<std::string> rule_ids(std::string_view list) {
  if (auto reason = list.find("--"); reason != std::string_view::npos) list = list.substr(0, reason);
  std::vector<std::string> ids;
  std::size_t i = 0;
  while (i < list.size()) {
    while (i < list.size() && (list[i] == ',' || list[i] == ' ' || list[i] == '\t')) ++i;
    std::size_t start = i;
    while (i < list.size() && list[i] != ',' && list[i] != ' ' && list[i] != '\t') ++i;
    if (i > start) ids.emplace_back(list.substr(start, i - start));
  }
  return ids;
}

}  // namespace

std::optional<DirectiveText> parse_directive(std::string_view body) {
  auto names = [&](std::string_view keyword) {
    return body.starts_with(keyword) && (body.size() == keyword.size() || body[keyword.size()] == ' ');
  };
  std::string_view keyword;
  if (names(kIgnoreFile)) keyword = kIgnoreFile;
  else if (names(kIgnore)) keyword = kIgnore;
  else return std::nullopt;
  std::string_view list = body.substr(keyword.size());
  return DirectiveText{rule_ids(list), has_reason(list), keyword == kIgnoreFile};
}

Suppressions::Suppressions(const std::vector<const LoadedFile*>& files, const std::vector<StatementExtent>& statements) {
  for (const LoadedFile* file : files) {
    // A file that holds no "miglint" is never scanned: it has no directive.
    if (!file->scanned()) continue;
    const std::string& text = file->text();
    for (const Token& token : file->tokens().tokens) {
      if (!token.is_comment()) continue;
      std::optional<DirectiveText> parsed = parse_directive(comment_body(text, token));
      if (!parsed) continue;
      Directive directive{file, token.start, std::move(*parsed), std::nullopt, 0};
      if (!directive.text.whole_file) {
        auto next = std::find_if(statements.begin(), statements.end(), [&](const StatementExtent& statement) {
          return statement.file == file && statement.begin >= token.end;
        });
        if (next != statements.end()) directive.target = *next;
      }
      directives_.push_back(std::move(directive));
    }
  }
}

bool Suppressions::silences(const RawFinding& finding) {
  std::string_view id = finding.rule->meta().id;
  auto covers = [&](const Directive& directive) {
    const std::vector<std::string>& rules = directive.text.rules;
    if (std::find(rules.begin(), rules.end(), id) == rules.end()) return false;
    if (finding.about_migration) return true;
    if (directive.file != finding.file) return false;
    if (directive.text.whole_file) return true;
    return directive.target && finding.begin >= directive.target->begin && finding.begin <= directive.target->end;
  };
  auto directive = std::find_if(directives_.begin(), directives_.end(), covers);
  if (directive == directives_.end()) return false;
  ++directive->silenced;
  return true;
}

std::vector<SuppressionFacts> Suppressions::facts() const {
  std::vector<SuppressionFacts> all;
  for (const Directive& directive : directives_) {
    SuppressionFacts facts;
    for (const std::string& id : directive.text.rules) (find_rule(id) ? facts.rules : facts.unknown).push_back(id);
    facts.has_reason = directive.text.has_reason;
    facts.whole_file = directive.text.whole_file;
    facts.silenced = directive.silenced;
    facts.mark = {directive.file, directive.offset};
    all.push_back(std::move(facts));
  }
  return all;
}

}  // namespace miglint
