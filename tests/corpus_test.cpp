// The real-world corpus in ../shared/corpus (see its SOURCES.md): every
// project's directory is read as its runner reads it, every file is assigned
// to exactly one migration, and the whole corpus lints without a crash and
// without a statement PostgreSQL cannot parse.

#include "support.hpp"

#include "layouts/naming.hpp"
#include "layouts/plan.hpp"
#include "parse/parse.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <map>
#include <set>

namespace miglint::test {

namespace {

namespace fs = std::filesystem;

const fs::path kCorpus = (kSharedDir / "corpus").lexically_normal();

bool corpus_present() {
  if (fs::is_directory(kCorpus)) return true;
  MESSAGE("../shared/corpus absent: corpus test skipped");
  return false;
}

// Figures from SOURCES.md. `statements` is its "top-level stmts" column,
// which libpg_query counted parsing each whole file: the splitter must agree.
struct Project {
  const char* dir;
  Layout layout;
  std::size_t files;
  std::size_t plans;
  std::size_t statements;
  // Pair layouts: plans with an up file, plans with a down file.
  std::size_t ups = 0;
  std::size_t downs = 0;
};

const std::vector<Project> kProjects{
    {"ory__kratos", Layout::UpDownFiles, 672, 336, 830, 336, 336},
    {"ory__hydra", Layout::UpDownFiles, 445, 223, 758, 222, 223},
    {"triggerdotdev__trigger.dev", Layout::Prisma, 820, 820, 2309},
    {"langfuse__langfuse", Layout::Prisma, 434, 434, 1117},
    // 59 files do not parse whole (Go templates); 205 is the splitter's count.
    {"supabase__auth", Layout::UpDownFiles, 70, 70, 205, 70, 0},
    {"temporalio__temporal", Layout::Plain, 44, 44, 207},
    {"goharbor__harbor", Layout::UpDownFiles, 39, 39, 407, 39, 0},
    {"concourse__concourse", Layout::UpDownFiles, 299, 152, 1062, 149, 150},
    // 1,486 from the 223 files that parse whole, plus the 4 statements of
    // 20250519145912_v1_0_21.sql, which only parses split at StatementEnd.
    {"hatchet-dev__hatchet", Layout::Goose, 224, 224, 1490},
    {"MarquezProject__marquez", Layout::Flyway, 84, 84, 307},
    {"supabase__postgres", Layout::Dbmate, 34, 34, 227},
};

std::set<fs::path> sql_files_under(const fs::path& dir) {
  std::set<fs::path> files;
  for (const auto& entry : fs::recursive_directory_iterator(dir))
    if (entry.is_regular_file() && entry.path().extension() == ".sql") files.insert(entry.path().lexically_normal());
  return files;
}

std::size_t count_rule(const CheckOutcome& outcome, std::string_view rule) {
  return static_cast<std::size_t>(std::count_if(outcome.findings.begin(), outcome.findings.end(),
                                                [&](const Finding& finding) { return finding.rule->id == rule; }));
}

std::set<std::string> paths_with(const CheckOutcome& outcome, std::string_view rule) {
  std::set<std::string> paths;
  for (const Finding& finding : outcome.findings)
    if (finding.rule->id == rule) paths.insert(finding.path);
  return paths;
}

CheckSettings corpus_settings() {
  CheckSettings settings = all_rules_settings();
  settings.jobs = 0;  // one thread per core, as the command line does
  return settings;
}

// Everything the corpus test asserts about one project; returns its lint outcome.
CheckOutcome check_project(const Project& expected) {
  INFO("corpus project " << std::string(expected.dir));
  fs::path dir = kCorpus / expected.dir;
  REQUIRE(fs::is_directory(dir));

  std::vector<MigrationPlan> plans = discover({dir.string()}, {});
  CHECK(plans.size() == expected.plans);
  for (const MigrationPlan& plan : plans) {
    INFO("plan " << plan.id << " (" << (plan.file ? plan.file->display : std::string("no up file")) << ")");
    CHECK(plan.layout == expected.layout);
  }

  // Every .sql file is read, by exactly one migration.
  std::set<fs::path> files = sql_files_under(dir);
  CHECK(files.size() == expected.files);
  std::map<fs::path, int> uses;
  for (const MigrationPlan& plan : plans)
    for (const auto* input : {&plan.file, &plan.down_file, &plan.verify_file})
      if (*input) ++uses[std::filesystem::path((*input)->path).lexically_normal()];
  std::size_t unassigned = 0;
  for (const fs::path& file : files)
    if (!uses.count(file)) {
      ++unassigned;
      if (unassigned <= 5) MESSAGE("not assigned to any migration: " << file.string());
    }
  CHECK(unassigned == 0);
  for (const auto& use : uses) {
    INFO(use.first.string());
    CHECK(use.second == 1);
    CHECK(files.count(use.first) == 1);
  }

  // Pairs, counted by direction.
  if (expected.layout == Layout::UpDownFiles) {
    std::size_t ups = 0, downs = 0;
    for (const MigrationPlan& plan : plans) {
      ups += plan.file.has_value();
      downs += plan.down_file.has_value();
      CHECK(plan.layout_has_down == (expected.downs > 0));
    }
    CHECK(ups == expected.ups);
    CHECK(downs == expected.downs);
  }

  // The runner's order: ids never go down within one directory.
  for (std::size_t i = 1; i < plans.size(); ++i) {
    const MigrationPlan& previous = plans[i - 1];
    const MigrationPlan& plan = plans[i];
    auto folder = [](const MigrationPlan& p) { return std::filesystem::path((p.file ? *p.file : *p.down_file).path).parent_path(); };
    if (folder(previous) != folder(plan)) continue;
    INFO("plan " << previous.id << " then " << plan.id);
    CHECK_FALSE(natural_less(plan.id, previous.id));
  }

  CheckOutcome outcome = check(plans, corpus_settings());
  CHECK(outcome.errors.empty());
  CHECK(outcome.summary.migrations == expected.plans);
  CHECK(outcome.summary.files == expected.files);
  CHECK(outcome.summary.statements == expected.statements);
  for (const Finding& finding : outcome.findings)
    if (finding.rule->id == "syntax-error")
      FAIL_CHECK("syntax-error at " << finding.path << ":" << finding.start.line << ": " << finding.message);
  return outcome;
}

}  // namespace

TEST_CASE("corpus: every project is read in its runner's layout and lints cleanly") {
  if (!corpus_present()) return;
  std::set<std::string> on_disk;
  for (const auto& entry : fs::directory_iterator(kCorpus))
    if (entry.is_directory()) on_disk.insert(entry.path().filename().string());
  std::set<std::string> listed;
  for (const Project& expected : kProjects) listed.insert(expected.dir);
  CHECK(on_disk == listed);

  for (const Project& expected : kProjects) {
    CheckOutcome outcome = check_project(expected);
    INFO("corpus project " << std::string(expected.dir));
    if (std::string_view(expected.dir) != "supabase__auth") CHECK(count_rule(outcome, "template-placeholder") == 0);
  }
}

TEST_CASE("corpus: the 59 supabase/auth files with Go-template placeholders are reported, and only those") {
  if (!corpus_present()) return;
  CheckOutcome outcome = check(discover({(kCorpus / "supabase__auth").string()}, {}), corpus_settings());
  std::set<std::string> placeholders = paths_with(outcome, "template-placeholder");
  CHECK(placeholders.size() == 59);
  // Every file holds `{{ index .Options "Namespace" }}`; 11 hold it only in
  // dollar-quoted DO bodies, which parse. The 59 reported are exactly the
  // files that libpg_query rejects whole.
  for (const fs::path& file : sql_files_under(kCorpus / "supabase__auth")) {
    std::string text = read_text(file);
    INFO(file.string());
    CHECK(text.find("{{") != std::string::npos);
    bool parses_whole = !ParsedSql(text).error().has_value();
    CHECK(placeholders.count(file.string()) == (parses_whole ? 0 : 1));
  }
  CHECK(count_rule(outcome, "syntax-error") == 0);
}

TEST_CASE("corpus: hatchet's block whose last statement has no semicolon before StatementEnd parses") {
  if (!corpus_present()) return;
  fs::path file = kCorpus / "hatchet-dev__hatchet" / "20250519145912_v1_0_21.sql";
  auto plans = discover({file.string()}, {});
  REQUIRE(plans.size() == 1);
  CHECK(plans[0].layout == Layout::Goose);
  CheckOutcome outcome = check(plans, all_rules_settings());
  CHECK(outcome.summary.statements == 4);
  CHECK(count_rule(outcome, "syntax-error") == 0);
}

}  // namespace miglint::test
