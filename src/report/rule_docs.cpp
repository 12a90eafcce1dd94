#include "report/rule_docs.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <array>
#include <cctype>
#include <vector>

namespace miglint {

namespace {

using Json = nlohmann::ordered_json;

constexpr std::size_t kTerminalWidth = 80;

bool claims_lock(const LockClaim& lock) { return lock.mode != LockMode::None; }

std::string_view effect_name(TableEffect effect) {
  switch (effect) {
    case TableEffect::None: return "none";
    case TableEffect::Scan: return "scan";
    case TableEffect::Rewrite: return "rewrite";
  }
  return "none";
}

std::string_view effect_description(TableEffect effect) {
  switch (effect) {
    case TableEffect::None: return "neither scans nor rewrites the table";
    case TableEffect::Scan: return "scans the whole table while holding it";
    case TableEffect::Rewrite: return "rewrites the whole table while holding it";
  }
  return "";
}

// The claim is about the bad example, so the table is named as its table.
// `quote` marks the name: backticks in markdown, double quotes in a
// terminal, as findings quote it.
std::string lock_text(const LockClaim& lock, std::string_view quote) {
  std::string text = std::string(to_string(lock.mode)) + ": blocks " + std::string(traffic_blocked(lock.mode)) + "; " +
                     std::string(effect_description(lock.effect));
  if (!lock.table.empty())
    text += " (in the bad example, on " + std::string(quote) + std::string(lock.table) + std::string(quote) + ")";
  return text;
}

std::string severity_text(const RuleMeta& meta, std::string_view quote) {
  std::string text(to_string(meta.severity));
  if (!meta.enabled_by_default)
    text += ", off by default: turn it on with " + std::string(quote) + "--select " + std::string(meta.id) +
            std::string(quote);
  return text;
}

// Examples are written with or without a final newline; print them alike.
std::string_view trimmed_sql(std::string_view sql) {
  while (!sql.empty() && (sql.back() == '\n' || sql.back() == ' ')) sql.remove_suffix(1);
  return sql;
}

template <typename LineFunction>
void for_each_line(std::string_view text, LineFunction on_line) {
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t end = std::min(text.find('\n', start), text.size());
    on_line(text.substr(start, end - start));
    start = end + 1;
  }
}

// Terminals break long lines mid-word; break them between words instead,
// keeping the text's own line breaks. The first line starts with `label`,
// padded to the width of `indent`, which starts the others.
void write_wrapped(std::ostream& out, std::string_view label, std::string_view text, std::string_view indent) {
  std::string prefix = std::string(label) + std::string(indent.size() - std::min(indent.size(), label.size()), ' ');
  for_each_line(text, [&](std::string_view line) {
    std::size_t used = 0;
    std::size_t start = 0;
    while (start < line.size()) {
      std::size_t end = std::min(line.find(' ', start), line.size());
      std::string_view word = line.substr(start, end - start);
      start = end + 1;
      if (word.empty()) continue;
      if (used > 0 && prefix.size() + used + 1 + word.size() > kTerminalWidth) {
        out << '\n';
        used = 0;
        prefix = indent;
      }
      out << (used == 0 ? prefix : " ") << word;
      used += (used == 0 ? 0 : 1) + word.size();
    }
    out << '\n';
    prefix = indent;
  });
}

void write_indented_sql(std::ostream& out, std::string_view sql) {
  for_each_line(trimmed_sql(sql), [&](std::string_view line) { out << (line.empty() ? "" : "    ") << line << '\n'; });
}

// Outside `code spans`, a `<` before a letter, `/`, `!` or `?` would open
// an HTML tag that hides the text up to its `>`; in a table cell, a `|`
// would end the cell.
std::string markdown_text(std::string_view text, bool in_table = false) {
  auto opens_tag = [&](std::size_t i) {
    char next = i + 1 < text.size() ? text[i + 1] : ' ';
    return std::isalpha(static_cast<unsigned char>(next)) || next == '/' || next == '!' || next == '?';
  };
  std::string escaped;
  bool in_code = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '`') in_code = !in_code;
    if (text[i] == '<' && !in_code && opens_tag(i)) {
      escaped += "&lt;";
      continue;
    }
    if (text[i] == '|' && in_table) escaped += '\\';
    escaped += text[i];
  }
  return escaped;
}

Json rule_json(const RuleMeta& meta) {
  auto bound = [](int version) { return version == 0 ? Json(nullptr) : Json(version); };
  Json lock = nullptr;
  if (claims_lock(meta.lock))
    lock = {{"mode", to_string(meta.lock.mode)}, {"effect", effect_name(meta.lock.effect)}, {"table", meta.lock.table}};
  return {
      {"id", meta.id},
      {"severity", to_string(meta.severity)},
      {"enabled_by_default", meta.enabled_by_default},
      {"versions", {{"first", bound(meta.versions.first)}, {"last", bound(meta.versions.last)}}},
      {"summary", meta.summary},
      {"rationale", meta.rationale},
      {"safe_alternative", meta.safe_alternative},
      {"bad", meta.bad},
      {"good", meta.good},
      {"lock", lock},
  };
}

}  // namespace

std::string versions_text(PgVersions versions) {
  if (versions.first == 0 && versions.last == 0) return "all";
  if (versions.last == 0) return ">= " + std::to_string(versions.first);
  if (versions.first == 0) return "<= " + std::to_string(versions.last);
  if (versions.first == versions.last) return std::to_string(versions.first);
  return std::to_string(versions.first) + "-" + std::to_string(versions.last);
}

void write_rules_table(std::ostream& out, std::span<const Rule* const> rules) {
  using Row = std::array<std::string, 5>;
  std::vector<Row> rows{{"ID", "SEVERITY", "DEFAULT", "POSTGRESQL", "SUMMARY"}};
  for (const Rule* rule : rules) {
    const RuleMeta& meta = rule->meta();
    rows.push_back({std::string(meta.id), std::string(to_string(meta.severity)), meta.enabled_by_default ? "on" : "off",
                    versions_text(meta.versions), std::string(meta.summary)});
  }
  std::array<std::size_t, 4> widths{};
  for (const Row& row : rows)
    for (std::size_t column = 0; column < widths.size(); ++column)
      widths[column] = std::max(widths[column], row[column].size());
  for (const Row& row : rows) {
    for (std::size_t column = 0; column < widths.size(); ++column)
      out << row[column] << std::string(widths[column] - row[column].size() + 2, ' ');
    out << row.back() << '\n';
  }
}

void write_rules_json(std::ostream& out, std::span<const Rule* const> rules) {
  Json list = Json::array();
  for (const Rule* rule : rules) list.push_back(rule_json(rule->meta()));
  out << list.dump(2) << '\n';
}

void write_rules_markdown(std::ostream& out, std::span<const Rule* const> rules) {
  out << "# Rules\n\n"
      << "This file is generated from each rule's metadata (`meta()` in `rules/<id>.cpp`); do not edit it by\n"
      << "hand. After adding or changing a rule, regenerate it with\n\n"
      << "```sh\n" << kRulesDocCommand << "\n```\n\n"
      << "`miglint rules` lists the same rules in a terminal, and `miglint explain <rule-id>` prints one\n"
      << "rule's section.\n\n"
      << "| rule | severity | default | PostgreSQL | summary |\n"
      << "|---|---|---|---|---|\n";
  for (const Rule* rule : rules) {
    const RuleMeta& meta = rule->meta();
    out << "| [`" << meta.id << "`](#" << meta.id << ") | " << to_string(meta.severity) << " | "
        << (meta.enabled_by_default ? "on" : "off") << " | " << versions_text(meta.versions) << " | "
        << markdown_text(meta.summary, true) << " |\n";
  }
  for (const Rule* rule : rules) write_rule_markdown(out, rule->meta());
}

void write_rule_markdown(std::ostream& out, const RuleMeta& meta) {
  out << "\n## " << meta.id << "\n\n"
      << markdown_text(meta.summary) << "\n\n"
      << "- Severity: " << severity_text(meta, "`") << '\n'
      << "- PostgreSQL: " << versions_text(meta.versions) << '\n';
  if (claims_lock(meta.lock)) out << "- Lock: " << lock_text(meta.lock, "`") << '\n';
  out << "\n**Why.** " << markdown_text(meta.rationale) << "\n\n"
      << "**Instead.** " << markdown_text(meta.safe_alternative) << "\n\n"
      << "**Bad** (fires `" << meta.id << "`):\n\n```sql\n" << trimmed_sql(meta.bad) << "\n```\n\n"
      << "**Good** (the same change, done safely):\n\n```sql\n" << trimmed_sql(meta.good) << "\n```\n";
}

void write_rule_explanation(std::ostream& out, const RuleMeta& meta) {
  constexpr std::string_view kFieldIndent = "             ";
  out << meta.id << '\n' << meta.summary << "\n\n";
  write_wrapped(out, "Severity:", severity_text(meta, ""), kFieldIndent);
  write_wrapped(out, "PostgreSQL:", versions_text(meta.versions), kFieldIndent);
  if (claims_lock(meta.lock)) write_wrapped(out, "Lock:", lock_text(meta.lock, "\""), kFieldIndent);
  out << "\nWhy:\n";
  write_wrapped(out, "", meta.rationale, "  ");
  out << "\nInstead:\n";
  write_wrapped(out, "", meta.safe_alternative, "  ");
  out << "\nBad (fires " << meta.id << "):\n";
  write_indented_sql(out, meta.bad);
  out << "\nGood (the same change, done safely):\n";
  write_indented_sql(out, meta.good);
}

}  // namespace miglint
