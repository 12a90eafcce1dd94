#include "layouts/entries.hpp"
#include "layouts/naming.hpp"
#include "layouts/plan.hpp"
#include "layouts/plans.hpp"
#include "source/read_file.hpp"

#include <fnmatch.h>
#include <glob.h>
#include <sys/stat.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <map>
#include <set>

namespace miglint {

namespace {

bool has_glob_characters(std::string_view input) { return input.find_first_of("*?[") != std::string_view::npos; }

std::string kind_of(mode_t mode) {
  if (S_ISFIFO(mode)) return "a named pipe (FIFO)";
  if (S_ISSOCK(mode)) return "a socket";
  if (S_ISCHR(mode) || S_ISBLK(mode)) return "a device";
  return "not a file";
}

bool is_sqitch_script_folder(const std::string& dir) {
  std::string_view folder = base_name(dir);
  return (folder == "deploy" || folder == "revert" || folder == "verify") &&
         is_regular_file(join_path(parent_path(dir), "sqitch.plan"));
}

// `**/` matches any number of directories, none included; glob(3) has no
// such thing, and fnmatch(3) needs the slash.
std::vector<std::string> recursive_matches(const std::string& pattern) {
  std::string root = pattern.substr(0, pattern.find("**"));
  root = root.substr(0, root.rfind('/') == std::string::npos ? 0 : root.rfind('/') + 1);
  std::string no_directories = pattern;
  for (std::size_t at; (at = no_directories.find("**/")) != std::string::npos;) no_directories.erase(at, 3);
  std::vector<std::string> matches;
  namespace fs = std::filesystem;
  std::error_code error;
  for (auto it = fs::recursive_directory_iterator(root.empty() ? "." : root, error);
       !error && it != fs::recursive_directory_iterator(); it.increment(error)) {
    std::string path = root.empty() ? it->path().lexically_relative(".").string() : it->path().string();
    bool matched = ::fnmatch(pattern.c_str(), path.c_str(), 0) == 0 ||
                   ::fnmatch(no_directories.c_str(), path.c_str(), 0) == 0;
    if (matched && it->is_regular_file()) matches.push_back(path);
  }
  return matches;
}

class Discoverer {
 public:
  explicit Discoverer(const DiscoverOptions& options) : options_(options) {}

  void add(const std::string& input) {
    if (input == "-") return add_stdin();
    struct stat info {};
    if (::stat(input.c_str(), &info) == 0) {
      if (S_ISDIR(info.st_mode)) return add_directory(input);
      if (S_ISREG(info.st_mode)) return add_file(make_entry(input, input));
      // Reading a FIFO would wait for a writer that may never come.
      throw InputError(input + ": " + kind_of(info.st_mode) +
                       ", not a regular file or directory; to lint a stream, pipe it to miglint check -");
    }
    if (errno != ENOENT) throw InputError(input + ": " + std::strerror(errno));
    if (has_glob_characters(input)) return add_glob(input);
    throw InputError(input + ": no such file or directory");
  }

  std::vector<MigrationPlan> take() {
    for (auto& [dir, files] : explicit_files_) add_explicit(dir, files);
    return std::move(plans_);
  }

 private:
  void add_stdin() {
    const std::string& name = options_.stdin_filename;
    add_file(make_entry(name.empty() ? "stdin.sql" : name, name.empty() ? "-" : name, read_stdin()));
  }

  void add_file(Entry file) { explicit_files_[parent_path(file.path)].push_back(std::move(file)); }

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

  void add_directory(const std::string& dir) {
    std::size_t before = plans_.size();
    walk(dir, dir);
    if (plans_.size() == before)
      throw InputError(dir + ": no .sql files in this directory or below it; "
                             "name the directory that holds the migrations");
  }

  void walk(const std::string& dir, const std::string& display) {
    Visiting visiting(*this, dir, display);
    if (is_regular_file(join_path(dir, "sqitch.plan"))) {
      append(sqitch_plans(dir, display));
      return;
    }
    if (options_.layout == Layout::Sqitch)
      throw InputError(display + ": --layout sqitch needs a sqitch.plan here; name the directory that holds it");
    bool detect_prisma = !options_.layout || options_.layout == Layout::Prisma;
    Listing listing = list_directory(dir, display);
    std::vector<Entry> prisma_folders;
    for (const Entry& sub : listing.directories) {
      std::string migration = join_path(sub.path, "migration.sql");
      if (detect_prisma && is_regular_file(migration))
        prisma_folders.push_back({migration, join_path(sub.display, "migration.sql"), {}, "migration.sql"});
      else
        walk(sub.path, sub.display);
    }
    if (!prisma_folders.empty()) append(plans_for(Layout::Prisma, prisma_folders));
    if (!listing.sql_files.empty()) append(plans_for(classify(listing.sql_files, options_.layout), listing.sql_files));
  }

  // Files named one by one still belong to their directory's migrations: an
  // up file keeps its down file, so the pair is linted, and judged, whole.
  void add_explicit(const std::string& dir, std::vector<Entry>& given) {
    std::sort(given.begin(), given.end(), by_natural_name);
    std::set<std::string> named;
    for (const Entry& file : given) named.insert(file.path);
    std::string display_dir = parent_path(given.front().display);

    if (is_sqitch_script_folder(dir) && (!options_.layout || options_.layout == Layout::Sqitch))
      return keep_named(sqitch_plans(parent_path(dir), parent_path(display_dir)), named);

    Layout layout = classify(given, options_.layout);
    if (layout != Layout::UpDownFiles && layout != Layout::Flyway) return append(plans_for(layout, given));

    std::vector<Entry> files = given;
    if (is_directory(dir.empty() ? "." : dir))
      for (Entry& sibling : list_directory(dir, display_dir).sql_files)
        if (!named.count(sibling.path)) files.push_back(std::move(sibling));
    std::sort(files.begin(), files.end(), by_natural_name);
    keep_named(plans_for(layout, files), named);
  }

  void keep_named(std::vector<MigrationPlan> plans, const std::set<std::string>& named) {
    auto is_named = [&](const std::optional<InputFile>& file) { return file && named.count(file->path); };
    for (MigrationPlan& plan : plans)
      if (is_named(plan.file) || is_named(plan.down_file) || is_named(plan.verify_file))
        plans_.push_back(std::move(plan));
  }

  void append(std::vector<MigrationPlan> plans) {
    for (MigrationPlan& plan : plans) plans_.push_back(std::move(plan));
  }

  // The directories being walked, outermost first: a symbolic link back to
  // one of them would be followed for ever.
  struct Ancestor {
    dev_t device;
    ino_t inode;
    std::string display;
  };
  class Visiting {
   public:
    Visiting(Discoverer& discoverer, const std::string& dir, const std::string& display) : walking_(discoverer.walking_) {
      struct stat info {};
      if (::stat(dir.c_str(), &info) != 0) throw InputError(display + ": " + std::strerror(errno));
      for (const Ancestor& ancestor : walking_)
        if (ancestor.device == info.st_dev && ancestor.inode == info.st_ino)
          throw InputError(display + ": a symbolic link loop: this is " + ancestor.display +
                           " again; remove the link or name the directories to lint");
      walking_.push_back({info.st_dev, info.st_ino, display});
    }
    ~Visiting() { walking_.pop_back(); }
    Visiting(const Visiting&) = delete;
    Visiting& operator=(const Visiting&) = delete;

   private:
    std::vector<Ancestor>& walking_;
  };

  const DiscoverOptions& options_;
  std::vector<MigrationPlan> plans_;
  std::map<std::string, std::vector<Entry>> explicit_files_;
  std::vector<Ancestor> walking_;
};

}  // namespace

MigrationPlan plan_for_file(Layout layout, InputFile file) {
  return single_file_plan(layout, make_entry(file.path, file.display, file.text));
}

std::vector<MigrationPlan> discover(const std::vector<std::string>& inputs, const DiscoverOptions& options) {
  Discoverer discoverer(options);
  for (const std::string& input : inputs) discoverer.add(input);
  return discoverer.take();
}

}  // namespace miglint
