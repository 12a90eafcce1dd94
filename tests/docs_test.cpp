// The rule documentation: docs/rules.md must be what the metadata
// generates, and each format must show every part of a rule's metadata.
// The formats are checked on made-up rules, so that locks, version bounds
// and rules off by default are covered whatever rules are registered.

#include "report/rule_docs.hpp"
#include "support.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <sstream>
#include <string>
#include <vector>

namespace miglint::test {

namespace {

std::string markdown_of(std::span<const Rule* const> rules) {
  std::ostringstream out;
  write_rules_markdown(out, rules);
  return out.str();
}

std::string table_of(std::span<const Rule* const> rules) {
  std::ostringstream out;
  write_rules_table(out, rules);
  return out.str();
}

nlohmann::json json_of(std::span<const Rule* const> rules) {
  std::ostringstream out;
  write_rules_json(out, rules);
  return nlohmann::json::parse(out.str());
}

std::string explanation_of(const RuleMeta& meta) {
  std::ostringstream out;
  write_rule_explanation(out, meta);
  return out.str();
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

// Where two texts first differ, so that a stale docs/rules.md names the rule to look at.
std::string first_difference(const std::string& committed, const std::string& generated) {
  std::vector<std::string> old_lines = lines_of(committed), new_lines = lines_of(generated);
  for (std::size_t i = 0; i < std::max(old_lines.size(), new_lines.size()); ++i) {
    std::string was = i < old_lines.size() ? old_lines[i] : "(end of file)";
    std::string now = i < new_lines.size() ? new_lines[i] : "(end of file)";
    if (was != now) return "line " + std::to_string(i + 1) + " is\n  " + was + "\nbut should be\n  " + now;
  }
  return "the files differ only in their final newline";
}

struct FakeRule final : Rule {
  RuleMeta fake;
  explicit FakeRule(RuleMeta meta) : fake(meta) {}
  const RuleMeta& meta() const override { return fake; }
};

constexpr RuleMeta kRewritingRule{
    .id = "fake-rewrite",
    .severity = Severity::Warning,
    .summary = "Rewrites | the table",
    .rationale = "It rewrites <the table> when n < 2 or n <= 3; `<id>` stays.",
    .safe_alternative = "Do not.",
    .bad = "ALTER TABLE users ALTER COLUMN id TYPE bigint;\n",
    .good = "ALTER TABLE users ADD COLUMN id_new bigint;\nUPDATE users SET id_new = id WHERE id < 1000;",
    .versions = {11, 14},
    .lock = {LockMode::AccessExclusive, TableEffect::Rewrite, "users"},
    .enabled_by_default = false,
};

constexpr RuleMeta kLockFreeRule{
    .id = "fake-plain",
    .severity = Severity::Error,
    .summary = "Plain",
    .rationale = "Because.",
    .safe_alternative = "Instead.",
    .bad = "SELECT 1;",
    .good = "SELECT 2;",
    .versions = {12, 0},
};

}  // namespace

TEST_CASE("docs/rules.md is what the rules' metadata generates") {
  std::string committed = read_text(kSourceDir / "docs" / "rules.md");
  std::string generated = markdown_of(all_rules());
  bool up_to_date = committed == generated;  // a bool, so that a failure prints the message, not both files
  CHECK_MESSAGE(up_to_date, "docs/rules.md is out of date: regenerate it with `"
                                << kRulesDocCommand << "`\n(" << first_difference(committed, generated) << ")");
}

TEST_CASE("docs/rules.md has exactly one section per rule, and no other") {
  std::vector<std::string> headings;
  for (const std::string& line : lines_of(read_text(kSourceDir / "docs" / "rules.md")))
    if (line.starts_with("## ")) headings.push_back(line.substr(3));
  for (const Rule* rule : all_rules()) {
    std::string id(rule->meta().id);
    CAPTURE(id);
    CHECK_MESSAGE(std::count(headings.begin(), headings.end(), id) == 1,
                  "docs/rules.md needs one `## " << id << "` section: regenerate it with `" << kRulesDocCommand << "`");
  }
  CHECK_MESSAGE(headings.size() == all_rules().size(),
                "docs/rules.md has sections for rules that are gone: regenerate it with `" << kRulesDocCommand << "`");
}

TEST_CASE("versions read as ranges of major versions, both ends included") {
  CHECK(versions_text({}) == "all");
  CHECK(versions_text({12, 0}) == ">= 12");
  CHECK(versions_text({0, 10}) == "<= 10");
  CHECK(versions_text({11, 14}) == "11-14");
  CHECK(versions_text({13, 13}) == "13");
}

TEST_CASE("the markdown shows a rule's lock, versions and default, and escapes what markdown would swallow") {
  FakeRule rewriting(kRewritingRule), plain(kLockFreeRule);
  const Rule* rules[] = {&rewriting, &plain};
  std::string markdown = markdown_of(rules);
  CHECK(markdown.find("| [`fake-rewrite`](#fake-rewrite) | warning | off | 11-14 | Rewrites \\| the table |\n") !=
        std::string::npos);
  CHECK(markdown.find("| [`fake-plain`](#fake-plain) | error | on | >= 12 | Plain |\n") != std::string::npos);
  CHECK(markdown.find("- Severity: warning, off by default: turn it on with `--select fake-rewrite`\n") !=
        std::string::npos);
  CHECK(markdown.find("- PostgreSQL: 11-14\n") != std::string::npos);
  CHECK(markdown.find("**Why.** It rewrites &lt;the table> when n < 2 or n <= 3; `<id>` stays.\n") != std::string::npos);
  CHECK(markdown.find("- Lock: ACCESS EXCLUSIVE: blocks reads and writes; rewrites the whole table while holding it "
                    "(in the bad example, on `users`)\n") !=
        std::string::npos);
  CHECK(markdown.find("```sql\nALTER TABLE users ALTER COLUMN id TYPE bigint;\n```\n") != std::string::npos);
  CHECK(markdown.find("```sql\nALTER TABLE users ADD COLUMN id_new bigint;\nUPDATE users") != std::string::npos);
  CHECK(markdown.find("- Lock:", markdown.find("## fake-plain")) == std::string::npos);
}

TEST_CASE("the JSON list holds every field, with null for open version ends and for no lock") {
  FakeRule rewriting(kRewritingRule), plain(kLockFreeRule);
  const Rule* rules[] = {&rewriting, &plain};
  nlohmann::json list = json_of(rules);
  REQUIRE(list.size() == 2);
  CHECK(list[0] == nlohmann::json{
                       {"id", "fake-rewrite"},
                       {"severity", "warning"},
                       {"enabled_by_default", false},
                       {"versions", {{"first", 11}, {"last", 14}}},
                       {"summary", "Rewrites | the table"},
                       {"rationale", "It rewrites <the table> when n < 2 or n <= 3; `<id>` stays."},
                       {"safe_alternative", "Do not."},
                       {"bad", "ALTER TABLE users ALTER COLUMN id TYPE bigint;\n"},
                       {"good", "ALTER TABLE users ADD COLUMN id_new bigint;\nUPDATE users SET id_new = id WHERE id < 1000;"},
                       {"lock", {{"mode", "ACCESS EXCLUSIVE"}, {"effect", "rewrite"}, {"table", "users"}}},
                   });
  CHECK(list[1]["versions"] == nlohmann::json{{"first", 12}, {"last", nullptr}});
  CHECK(list[1]["lock"].is_null());
  CHECK(list[1]["enabled_by_default"] == true);
}

TEST_CASE("a lock's effect is named none, scan or rewrite") {
  for (auto [effect, name] : {std::pair{TableEffect::None, "none"}, std::pair{TableEffect::Scan, "scan"},
                              std::pair{TableEffect::Rewrite, "rewrite"}}) {
    RuleMeta meta = kLockFreeRule;
    meta.lock = {LockMode::Share, effect, "orders"};
    FakeRule rule(meta);
    const Rule* rules[] = {&rule};
    CHECK(json_of(rules)[0]["lock"] == nlohmann::json{{"mode", "SHARE"}, {"effect", name}, {"table", "orders"}});
  }
}

TEST_CASE("the table has one aligned line per rule, with its default and versions") {
  FakeRule rewriting(kRewritingRule), plain(kLockFreeRule);
  const Rule* rules[] = {&rewriting, &plain};
  std::vector<std::string> lines = lines_of(table_of(rules));
  REQUIRE(lines.size() == 3);
  CHECK(lines[1] == "fake-rewrite  warning   off      11-14       Rewrites | the table");
  CHECK(lines[2] == "fake-plain    error     on       >= 12       Plain");
  CHECK(lines[0].find("SUMMARY") == lines[1].find("Rewrites"));
}

TEST_CASE("explain shows the lock, the default, and the examples indented line by line") {
  std::string text = explanation_of(kRewritingRule);
  CHECK(text.starts_with("fake-rewrite\nRewrites | the table\n"));
  CHECK(text.find("Severity:    warning, off by default: turn it on with --select fake-rewrite\n") != std::string::npos);
  CHECK(text.find("PostgreSQL:  11-14\n") != std::string::npos);
  CHECK(text.find("  It rewrites <the table> when n < 2 or n <= 3; `<id>` stays.\n") != std::string::npos);
  CHECK(text.find("Lock:        ACCESS EXCLUSIVE: blocks reads and writes; rewrites the whole table\n"
                    "             while holding it (in the bad example, on \"users\")\n") !=
        std::string::npos);
  CHECK(text.find("\n    ALTER TABLE users ALTER COLUMN id TYPE bigint;\n") != std::string::npos);
  CHECK(text.find("\n    ALTER TABLE users ADD COLUMN id_new bigint;\n    UPDATE users") != std::string::npos);
  CHECK(explanation_of(kLockFreeRule).find("Lock:") == std::string::npos);
  CHECK(explanation_of(kLockFreeRule).find("off by default") == std::string::npos);
}

TEST_CASE("explain wraps long prose to 80 columns without losing a word") {
  std::string rationale;
  for (int i = 0; i < 60; ++i) rationale += (i ? " word" : "word") + std::to_string(i);
  RuleMeta meta = kLockFreeRule;
  meta.rationale = rationale;
  std::string text = explanation_of(meta);
  for (const std::string& line : lines_of(text)) CHECK(line.size() <= 80);
  std::size_t why = text.find("Why:\n") + 5;
  std::vector<std::string> wrapped = lines_of(text.substr(why, text.find("\n\nInstead:") - why));
  CHECK(wrapped.size() > 1);
  std::string rejoined;
  for (const std::string& line : wrapped) {
    CHECK(line.starts_with("  "));
    rejoined += (rejoined.empty() ? "" : " ") + line.substr(2);
  }
  CHECK(rejoined == rationale);
}

}  // namespace miglint::test
