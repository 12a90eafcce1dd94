#include "layouts/plans.hpp"

#include "layouts/markers.hpp"
#include "layouts/naming.hpp"
#include "parse/tokens.hpp"
#include "source/read_file.hpp"

#include <algorithm>
#include <cctype>
#include <fstream>
#include <map>

namespace miglint {

namespace {

// Runners want their up marker near the top: the first lines of the first
// files are enough to tell goose, dbmate and miglint files apart.
constexpr std::size_t kFilesPeekedForMarkers = 3;
constexpr std::size_t kBytesPeekedForMarkers = 4096;

std::string stem_of(std::string_view filename) {
  return std::string(filename.ends_with(".sql") ? filename.substr(0, filename.size() - 4) : filename);
}

std::optional<Layout> peek_marker_layout(const std::vector<Entry>& files) {
  std::size_t peeked = 0;
  for (const Entry& file : files) {
    if (peeked++ == kFilesPeekedForMarkers) break;
    std::string error;
    std::optional<std::string> text = file.text ? file.text : read_file(file.path, error);
    if (!text || text->find('\0') != std::string::npos) continue;
    if (text->size() > kBytesPeekedForMarkers) text->resize(text->rfind('\n', kBytesPeekedForMarkers) + 1);
    if (auto layout = detect_marker_layout(*text, scan(*text).tokens)) return layout;
  }
  return std::nullopt;
}

bool looks_like_prisma(const Entry& file) {
  std::string parent = parent_path(file.path);
  std::string_view folder = base_name(parent);
  return file.name == "migration.sql" && !folder.empty() && std::isdigit(static_cast<unsigned char>(folder[0]));
}

Envelope default_envelope(Layout layout) {
  switch (layout) {
    case Layout::Miglint: return Envelope::TransactionUnlessAllNonTransactional;
    // Flyway runs a migration outside a transaction when it detects
    // statements that cannot run in one.
    case Layout::Flyway: return Envelope::TransactionUnlessAllNonTransactional;
    case Layout::Dbmate:
    case Layout::Goose: return Envelope::TransactionPerMigration;
    case Layout::UpDownFiles:
    case Layout::Prisma: return Envelope::OneString;
    case Layout::Sqitch:
    case Layout::Plain: return Envelope::None;
  }
  return Envelope::None;
}

MigrationPlan plan_for(Layout layout, const VersionedName& versioned) {
  MigrationPlan plan;
  plan.layout = layout;
  plan.id = versioned.version.empty() ? versioned.name : versioned.version;
  plan.name = versioned.name;
  plan.envelope = default_envelope(layout);
  return plan;
}

// Flyway's per-migration config: `executeInTransaction=false` in <file>.conf.
bool flyway_runs_outside_transaction(const std::string& sql_file) {
  std::ifstream conf(sql_file + ".conf");
  std::string line;
  while (std::getline(conf, line)) {
    std::erase_if(line, [](char c) { return c == ' ' || c == '\t' || c == '\r'; });
    if (line == "executeInTransaction=false") return true;
  }
  return false;
}

std::vector<MigrationPlan> plans_of_single_files(Layout layout, const std::vector<Entry>& files) {
  std::vector<MigrationPlan> plans;
  for (const Entry& file : files) {
    MigrationPlan plan = plan_for(layout, split_version(stem_of(file.name)));
    plan.layout_has_down = layout == Layout::Miglint || layout == Layout::Dbmate || layout == Layout::Goose;
    plan.file = file.input();
    plans.push_back(std::move(plan));
  }
  return plans;
}

std::vector<MigrationPlan> up_down_plans(const std::vector<Entry>& files) {
  struct Pair {
    const Entry* up = nullptr;
    const Entry* down = nullptr;
    bool up_has_dialect = false, down_has_dialect = false;
  };
  std::map<std::string, Pair, decltype(&natural_less)> pairs(&natural_less);
  for (const Entry& file : files) {
    auto name = parse_up_down(file.name);
    if (!name || is_foreign_dialect(name->dialect)) continue;
    Pair& pair = pairs[name->key];
    bool is_up = name->direction == SectionKind::Up;
    const Entry*& slot = is_up ? pair.up : pair.down;
    bool& slot_has_dialect = is_up ? pair.up_has_dialect : pair.down_has_dialect;
    // popx runs the PostgreSQL-specific file in place of the generic one.
    if (!slot || (!slot_has_dialect && !name->dialect.empty())) {
      slot = &file;
      slot_has_dialect = !name->dialect.empty();
    }
  }
  // A project that never wrote a down file does not use them (harbor).
  bool uses_down = std::any_of(pairs.begin(), pairs.end(), [](const auto& pair) { return pair.second.down; });
  std::vector<MigrationPlan> plans;
  for (auto& [key, pair] : pairs) {
    MigrationPlan plan = plan_for(Layout::UpDownFiles, split_version(key));
    plan.layout_has_down = uses_down;
    if (pair.up) plan.file = pair.up->input();
    if (pair.down) plan.down_file = pair.down->input();
    plans.push_back(std::move(plan));
  }
  return plans;
}

std::vector<MigrationPlan> flyway_plans(const std::vector<Entry>& files) {
  std::map<std::string, MigrationPlan, decltype(&natural_less)> versioned(&natural_less);
  std::map<std::string, MigrationPlan> repeatable;
  bool has_undo = false;
  for (const Entry& file : files) {
    auto name = parse_flyway(file.name);
    if (!name) continue;
    bool is_repeatable = name->prefix == 'R';
    MigrationPlan& plan = is_repeatable ? repeatable[name->description] : versioned[name->version];
    if (plan.id.empty())
      plan = plan_for(Layout::Flyway, {is_repeatable ? "R__" + name->description : name->version, name->description});
    if (name->prefix == 'U') {
      has_undo = true;
      plan.down_file = file.input();
    } else {
      plan.file = file.input();
      if (flyway_runs_outside_transaction(file.path)) plan.envelope = Envelope::None;
    }
  }
  std::vector<MigrationPlan> plans;
  for (auto& [version, plan] : versioned) {
    plan.layout_has_down = has_undo;
    plans.push_back(std::move(plan));
  }
  for (auto& [description, plan] : repeatable) plans.push_back(std::move(plan));
  return plans;
}

std::vector<MigrationPlan> prisma_plans(const std::vector<Entry>& files) {
  std::vector<MigrationPlan> plans;
  for (const Entry& file : files) {
    MigrationPlan plan = plan_for(Layout::Prisma, split_version(base_name(parent_path(file.path))));
    plan.file = file.input();
    plans.push_back(std::move(plan));
  }
  return plans;
}

}  // namespace

Layout classify(const std::vector<Entry>& files, std::optional<Layout> forced) {
  if (forced) return *forced;
  auto any = [&](auto predicate) { return std::any_of(files.begin(), files.end(), predicate); };
  if (any(looks_like_prisma)) return Layout::Prisma;
  if (any([](const Entry& f) { return parse_up_down(f.name).has_value(); })) return Layout::UpDownFiles;
  if (any([](const Entry& f) { return parse_flyway(f.name).has_value(); })) return Layout::Flyway;
  return peek_marker_layout(files).value_or(Layout::Plain);
}

MigrationPlan single_file_plan(Layout layout, const Entry& file) {
  std::vector<MigrationPlan> plans = plans_for(layout, {file});
  if (plans.empty() || !plans.front().file) plans = plans_of_single_files(layout, {file});
  return std::move(plans.front());
}

std::vector<MigrationPlan> plans_for(Layout layout, const std::vector<Entry>& files) {
  switch (layout) {
    case Layout::UpDownFiles: return up_down_plans(files);
    case Layout::Flyway: return flyway_plans(files);
    case Layout::Prisma: return prisma_plans(files);
    default: return plans_of_single_files(layout, files);
  }
}

// sqitch.plan: one change per line, `name [deps] timestamp planner <email> # note`.
std::vector<MigrationPlan> sqitch_plans(const std::string& dir, const std::string& display) {
  std::ifstream plan_file(join_path(dir, "sqitch.plan"));
  std::vector<MigrationPlan> plans;
  std::string line;
  auto script = [&](const char* folder, const std::string& change) -> std::optional<InputFile> {
    std::string path = join_path(join_path(dir, folder), change + ".sql");
    if (!is_regular_file(path)) return std::nullopt;
    return InputFile{join_path(join_path(display, folder), change + ".sql"), path, {}};
  };
  while (std::getline(plan_file, line)) {
    std::size_t start = line.find_first_not_of(" \t\r");
    if (start == std::string::npos || line[start] == '%' || line[start] == '@' || line[start] == '#') continue;
    std::string change = line.substr(start, line.find_first_of(" \t\r", start) - start);
    MigrationPlan plan = plan_for(Layout::Sqitch, {change, change});
    plan.layout_has_down = true;
    plan.file = script("deploy", change);
    plan.down_file = script("revert", change);
    plan.verify_file = script("verify", change);
    if (plan.file || plan.down_file) plans.push_back(std::move(plan));
  }
  return plans;
}

}  // namespace miglint
