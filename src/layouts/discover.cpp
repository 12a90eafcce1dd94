#include "layouts/markers.hpp"
#include "layouts/naming.hpp"
#include "layouts/plan.hpp"
#include "parse/tokens.hpp"
#include "source/read_file.hpp"

#include <dirent.h>
#include <fnmatch.h>
#include <glob.h>
#include <sys/stat.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <memory>
#include <fstream>
#include <map>
#include <set>

namespace miglint {

namespace fs = std::filesystem;

namespace {

constexpr std::size_t kFilesPeekedForMarkers = 5;
// Runners want their up marker near the top; a prefix is enough to find it.
constexpr std::size_t kBytesPeekedForMarkers = 8192;

std::string join_display(const std::string& dir, const std::string& name) {
  if (dir.empty() || dir == ".") return dir.empty() ? name : "./" + name;
  return dir.back() == '/' ? dir + name : dir + "/" + name;
}

std::string filename_of(const fs::path& path) { return path.filename().string(); }

bool has_glob_characters(std::string_view input) { return input.find_first_of("*?[") != std::string_view::npos; }

std::string stem_of(std::string_view filename) {
  return std::string(filename.ends_with(".sql") ? filename.substr(0, filename.size() - 4) : filename);
}

bool is_regular_file(const std::string& path) {
  struct stat info {};
  return ::stat(path.c_str(), &info) == 0 && S_ISREG(info.st_mode);
}

// A file of a directory, with how the user will see its path.
struct Entry {
  Entry(fs::path path_, std::string display_, std::optional<std::string> text_ = {})
      : path(std::move(path_)), display(std::move(display_)), text(std::move(text_)), name(filename_of(path)) {}
  // From a directory listing, which already knows the name.
  static Entry listed(std::string path, std::string display, std::string name) {
    Entry entry(fs::path(), std::move(display));
    entry.path = std::move(path);
    entry.name = std::move(name);
    return entry;
  }

  fs::path path;
  std::string display;
  std::optional<std::string> text;  // standard input
  std::string name;

  const std::string& filename() const { return name; }
  InputFile input() const { return {display, path, text}; }
};

bool by_natural_name(const Entry& a, const Entry& b) { return natural_less(a.filename(), b.filename()); }

struct Listing {
  std::vector<Entry> directories;
  std::vector<Entry> sql_files;
};

// One directory's visible subdirectories and .sql files, in natural order.
// readdir's d_type spares a stat per entry, which matters for Prisma's
// folder-per-migration layout.
Listing list_directory(const fs::path& dir, const std::string& display) {
  std::unique_ptr<DIR, int (*)(DIR*)> handle(::opendir(dir.c_str()), &::closedir);
  if (!handle) throw InputError(display + ": cannot list directory: " + std::strerror(errno));
  Listing listing;
  std::string prefix = dir.string();
  if (!prefix.empty() && prefix.back() != '/') prefix += '/';
  while (const dirent* item = ::readdir(handle.get())) {
    std::string name = item->d_name;
    if (name.empty() || name[0] == '.') continue;
    std::string path = prefix + name;
    unsigned char type = item->d_type;
    if (type == DT_UNKNOWN || type == DT_LNK) {
      struct stat info {};
      if (::stat(path.c_str(), &info) != 0) continue;
      type = S_ISDIR(info.st_mode) ? DT_DIR : S_ISREG(info.st_mode) ? DT_REG : DT_UNKNOWN;
    }
    if (type == DT_DIR)
      listing.directories.push_back(Entry::listed(path, join_display(display, name), name));
    else if (type == DT_REG && name.ends_with(".sql"))
      listing.sql_files.push_back(Entry::listed(path, join_display(display, name), name));
  }
  std::sort(listing.directories.begin(), listing.directories.end(), by_natural_name);
  std::sort(listing.sql_files.begin(), listing.sql_files.end(), by_natural_name);
  return listing;
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
  std::string parent = filename_of(file.path.parent_path());
  return file.filename() == "migration.sql" && !parent.empty() && std::isdigit(static_cast<unsigned char>(parent[0]));
}

Layout classify(const std::vector<Entry>& files, const DiscoverOptions& options) {
  if (options.layout) return *options.layout;
  auto any = [&](auto predicate) { return std::any_of(files.begin(), files.end(), predicate); };
  if (any([](const Entry& f) { return looks_like_prisma(f); })) return Layout::Prisma;
  if (any([](const Entry& f) { return parse_up_down(f.filename()).has_value(); })) return Layout::UpDownFiles;
  if (any([](const Entry& f) { return parse_flyway(f.filename()).has_value(); })) return Layout::Flyway;
  return peek_marker_layout(files).value_or(Layout::Plain);
}

Envelope default_envelope(Layout layout) {
  switch (layout) {
    case Layout::Miglint: return Envelope::TransactionUnlessAllNonTransactional;
    case Layout::Dbmate:
    case Layout::Goose:
    case Layout::Flyway: return Envelope::TransactionPerMigration;
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
bool flyway_runs_outside_transaction(const fs::path& sql_file) {
  std::ifstream conf(sql_file.string() + ".conf");
  std::string line;
  while (std::getline(conf, line)) {
    line.erase(std::remove_if(line.begin(), line.end(), [](char c) { return c == ' ' || c == '\t' || c == '\r'; }),
               line.end());
    if (line == "executeInTransaction=false") return true;
  }
  return false;
}

std::vector<MigrationPlan> single_file_plans(Layout layout, const std::vector<Entry>& files) {
  std::vector<MigrationPlan> plans;
  for (const Entry& file : files) {
    MigrationPlan plan = plan_for(layout, split_version(stem_of(file.filename())));
    plan.layout_has_down = layout == Layout::Miglint || layout == Layout::Dbmate || layout == Layout::Goose;
    plan.file = file.input();
    plans.push_back(std::move(plan));
  }
  return plans;
}

std::vector<MigrationPlan> up_down_plans(const std::vector<Entry>& files) {
  struct Pair {
    std::optional<Entry> up, down;
    bool up_has_dialect = false, down_has_dialect = false;
  };
  std::map<std::string, Pair, decltype(&natural_less)> pairs(&natural_less);
  for (const Entry& file : files) {
    auto name = parse_up_down(file.filename());
    if (!name || is_foreign_dialect(name->dialect)) continue;
    Pair& pair = pairs[name->key];
    bool is_up = name->direction == SectionKind::Up;
    auto& slot = is_up ? pair.up : pair.down;
    bool& slot_has_dialect = is_up ? pair.up_has_dialect : pair.down_has_dialect;
    // popx runs the PostgreSQL-specific file in place of the generic one.
    if (!slot || (!slot_has_dialect && !name->dialect.empty())) {
      slot = file;
      slot_has_dialect = !name->dialect.empty();
    }
  }
  // A project that never wrote a down file does not use them (harbor).
  bool uses_down = std::any_of(pairs.begin(), pairs.end(), [](const auto& pair) { return pair.second.down.has_value(); });
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
    auto name = parse_flyway(file.filename());
    if (!name) continue;
    MigrationPlan& plan = name->prefix == 'R' ? repeatable[name->description] : versioned[name->version];
    if (plan.id.empty()) {
      plan = plan_for(Layout::Flyway, {name->prefix == 'R' ? "R__" + name->description : name->version, name->description});
    }
    if (name->prefix == 'U') {
      has_undo = true;
      plan.down_file = file.input();
    } else {
      plan.file = file.input();
      if (flyway_runs_outside_transaction(file.path)) plan.envelope = Envelope::None;
    }
  }
  std::vector<MigrationPlan> plans;
  for (auto& [version, plan] : versioned) plans.push_back(std::move(plan));
  for (auto& [description, plan] : repeatable) plans.push_back(std::move(plan));
  for (MigrationPlan& plan : plans) plan.layout_has_down = has_undo && plan.id.rfind("R__", 0) != 0;
  return plans;
}

std::vector<MigrationPlan> prisma_plans(const std::vector<Entry>& files) {
  std::vector<MigrationPlan> plans;
  for (const Entry& file : files) {
    MigrationPlan plan = plan_for(Layout::Prisma, split_version(filename_of(file.path.parent_path())));
    plan.file = file.input();
    plans.push_back(std::move(plan));
  }
  return plans;
}

std::vector<MigrationPlan> plans_for(Layout layout, const std::vector<Entry>& files) {
  switch (layout) {
    case Layout::UpDownFiles: return up_down_plans(files);
    case Layout::Flyway: return flyway_plans(files);
    case Layout::Prisma: return prisma_plans(files);
    default: return single_file_plans(layout, files);
  }
}

// sqitch.plan: one change per line, `name [deps] timestamp planner <email> # note`.
std::vector<MigrationPlan> sqitch_plans(const fs::path& dir, const std::string& display) {
  std::ifstream plan_file(dir / "sqitch.plan");
  std::vector<MigrationPlan> plans;
  std::string line;
  auto script = [&](const char* folder, const std::string& change) -> std::optional<InputFile> {
    fs::path path = dir / folder / (change + ".sql");
    if (!fs::is_regular_file(path)) return std::nullopt;
    return InputFile{join_display(join_display(display, folder), change + ".sql"), path, {}};
  };
  while (std::getline(plan_file, line)) {
    std::size_t start = line.find_first_not_of(" \t\r");
    if (start == std::string::npos || line[start] == '%' || line[start] == '@' || line[start] == '#') continue;
    std::string change = line.substr(start, line.find_first_of(" \t\r", start) - start);
    MigrationPlan plan = plan_for(Layout::Sqitch, {change, change});
    plan.layout_has_down = true;
    if (auto deploy = script("deploy", change)) plan.file = *deploy;
    plan.down_file = script("revert", change);
    plan.verify_file = script("verify", change);
    if (plan.file || plan.down_file) plans.push_back(std::move(plan));
  }
  return plans;
}

class Discoverer {
 public:
  explicit Discoverer(const DiscoverOptions& options) : options_(options) {}

  void add(const std::string& input) {
    if (input == "-") return add_stdin();
    std::error_code error;
    fs::file_status status = fs::status(input, error);
    if (fs::is_directory(status)) return add_directory(input, input);
    if (fs::is_regular_file(status)) return add_file({input, input, {}});
    if (fs::exists(status)) throw InputError(input + ": not a regular file or directory");
    if (has_glob_characters(input)) return add_glob(input);
    throw InputError(input + ": no such file or directory");
  }

  std::vector<MigrationPlan> take() {
    for (auto& [dir, files] : explicit_files_) add_explicit(dir, files);
    return std::move(plans_);
  }

 private:
  void add_stdin() {
    std::string name = options_.stdin_filename.empty() ? "-" : options_.stdin_filename;
    add_file({options_.stdin_filename.empty() ? fs::path("stdin.sql") : fs::path(name), name, read_stdin()});
  }

  void add_file(Entry file) { explicit_files_[file.path.parent_path()].push_back(std::move(file)); }

  void add_glob(const std::string& pattern) {
    std::vector<std::string> matches;
    if (pattern.find("**") != std::string::npos) {
      matches = recursive_matches(pattern);
    } else {
      glob_t found{};
      if (::glob(pattern.c_str(), GLOB_BRACE | GLOB_TILDE, nullptr, &found) == 0)
        matches.assign(found.gl_pathv, found.gl_pathv + found.gl_pathc);
      globfree(&found);
    }
    if (matches.empty()) throw InputError(pattern + ": no files match this pattern");
    std::sort(matches.begin(), matches.end(), natural_less);
    for (const std::string& match : matches) add(match);
  }

  // `**` matches any number of directories; glob(3) has no such thing.
  static std::vector<std::string> recursive_matches(const std::string& pattern) {
    std::string root = pattern.substr(0, pattern.find("**"));
    root = root.substr(0, root.rfind('/') == std::string::npos ? 0 : root.rfind('/') + 1);
    std::vector<std::string> matches;
    std::error_code error;
    for (auto it = fs::recursive_directory_iterator(root.empty() ? "." : root, error);
         !error && it != fs::recursive_directory_iterator(); it.increment(error)) {
      std::string path = root.empty() ? it->path().lexically_relative(".").string() : it->path().string();
      if (it->is_regular_file() && ::fnmatch(pattern.c_str(), path.c_str(), 0) == 0) matches.push_back(path);
    }
    return matches;
  }

  void add_directory(const fs::path& dir, const std::string& display) {
    std::size_t before = plans_.size();
    walk(dir, display);
    if (plans_.size() == before) throw InputError(display + ": no migration files found in this directory");
  }

  void walk(const fs::path& dir, const std::string& display) {
    if (is_regular_file(dir.string() + "/sqitch.plan")) {
      append(sqitch_plans(dir, display));
      return;
    }
    if (options_.layout == Layout::Sqitch) throw InputError(display + ": --layout sqitch needs a sqitch.plan here");
    Listing listing = list_directory(dir, display);
    std::vector<Entry> prisma_folders;
    for (const Entry& sub : listing.directories) {
      std::string migration = sub.path.string() + "/migration.sql";
      if (is_regular_file(migration))
        prisma_folders.push_back(Entry::listed(migration, join_display(sub.display, "migration.sql"), "migration.sql"));
      else
        walk(sub.path, sub.display);
    }
    if (!prisma_folders.empty()) append(prisma_plans(prisma_folders));
    if (!listing.sql_files.empty()) append(plans_for(classify(listing.sql_files, options_), listing.sql_files));
  }

  // Files named one by one still belong to their directory's migrations: an
  // up file keeps its down file, so the pair is linted, and judged, whole.
  void add_explicit(const fs::path& dir, std::vector<Entry>& given) {
    std::sort(given.begin(), given.end(), by_natural_name);
    Layout layout = classify(given, options_);
    std::vector<Entry> files = given;
    if (layout == Layout::UpDownFiles || layout == Layout::Flyway) {
      std::set<fs::path> named;
      for (const Entry& file : given) named.insert(file.path);
      fs::path listing = dir.empty() ? fs::path(".") : dir;
      if (fs::is_directory(listing)) {
        std::string display = given.front().display.substr(0, given.front().display.size() - given.front().filename().size());
        for (Entry& sibling : list_directory(listing, display).sql_files)
          if (!named.count(fs::path(dir) / sibling.filename())) {
            sibling.path = dir / sibling.filename();
            files.push_back(std::move(sibling));
          }
      }
      std::sort(files.begin(), files.end(), by_natural_name);
      for (MigrationPlan& plan : plans_for(layout, files))
        if (names_any(plan, named)) plans_.push_back(std::move(plan));
      return;
    }
    append(plans_for(layout, files));
  }

  static bool names_any(const MigrationPlan& plan, const std::set<fs::path>& named) {
    return (plan.file && named.count(plan.file->path)) || (plan.down_file && named.count(plan.down_file->path));
  }

  void append(std::vector<MigrationPlan> plans) {
    for (MigrationPlan& plan : plans) plans_.push_back(std::move(plan));
  }

  const DiscoverOptions& options_;
  std::vector<MigrationPlan> plans_;
  std::map<fs::path, std::vector<Entry>> explicit_files_;
};

}  // namespace

MigrationPlan plan_for_file(Layout layout, InputFile file) {
  Entry entry{file.path, file.display, file.text};
  std::vector<MigrationPlan> plans = plans_for(layout, {entry});
  if (plans.empty()) plans = single_file_plans(layout, {entry});
  return std::move(plans.front());
}

std::vector<MigrationPlan> discover(const std::vector<std::string>& inputs, const DiscoverOptions& options) {
  Discoverer discoverer(options);
  for (const std::string& input : inputs) discoverer.add(input);
  return discoverer.take();
}

}  // namespace miglint
