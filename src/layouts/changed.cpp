#include "layouts/changed.hpp"

#include "layouts/entries.hpp"
#include "layouts/git.hpp"

#include <algorithm>
#include <cctype>
#include <filesystem>

namespace miglint {

namespace {

std::string canonical(const std::string& path) {
  std::error_code error;
  std::filesystem::path resolved = std::filesystem::weakly_canonical(path, error);
  return error ? path : resolved.string();
}

// A one-line answer, such as a path, which may end in spaces of its own.
std::string first_line(const std::string& text) { return text.substr(0, text.find('\n')); }

// git's own words say what went wrong (no repository, a repository owned by
// someone else) better than a guess would.
std::string git_says(const GitOutput& git) {
  std::string message = git.err;
  while (!message.empty() && std::isspace(static_cast<unsigned char>(message.back()))) message.pop_back();
  if (message.starts_with("fatal: ")) message.erase(0, 7);
  return message;
}

// Where git should look for an input's repository: the directory itself, or
// the one holding the file or the fixed start of the glob.
std::string directory_of(const std::string& input) {
  if (is_directory(input)) return input;
  std::string fixed = input.substr(0, input.find_first_of("*?["));
  std::size_t slash = fixed.rfind('/');
  if (slash == std::string::npos) return ".";
  return slash == 0 ? "/" : fixed.substr(0, slash);
}

std::string repository_of(const std::string& input) {
  if (input == "-")
    throw InputError("-: --changed-since cannot tell whether standard input changed; name the files instead");
  GitOutput git = run_git(directory_of(input), {"rev-parse", "--show-toplevel"});
  if (git.exit_code != 0) throw InputError(input + ": " + git_says(git) + "; --changed-since needs a git checkout");
  return first_line(git.out);
}

std::string merge_base(const std::string& repository, const std::string& ref) {
  GitOutput commit = run_git(repository, {"rev-parse", "--verify", "--quiet", "--end-of-options", ref + "^{commit}"});
  if (commit.exit_code != 0)
    throw InputError("--changed-since: unknown git ref '" + ref + "' in " + repository +
                     "; fetch it first (git fetch). CI checkouts are often shallow and hold only the branch under "
                     "test: with actions/checkout, set fetch-depth: 0");
  GitOutput base = run_git(repository, {"merge-base", first_line(commit.out), "HEAD"});
  if (base.exit_code != 0)
    throw InputError("--changed-since: '" + ref + "' and HEAD share no history in " + repository +
                     "; the clone is probably shallow: fetch the whole history (git fetch --unshallow; with "
                     "actions/checkout, set fetch-depth: 0)");
  return first_line(base.out);
}

// Adds the paths git lists with -z, which are relative to the repository's top.
void add_listed(const std::string& repository, const std::vector<std::string>& args, std::set<std::string>& paths) {
  GitOutput git = run_git(repository, args);
  if (git.exit_code != 0) throw InputError(repository + ": " + git_says(git));
  const std::string& listing = git.out;
  for (std::size_t start = 0; start < listing.size();) {
    std::size_t end = std::min(listing.find('\0', start), listing.size());
    if (end > start) paths.insert(canonical(repository + "/" + listing.substr(start, end - start)));
    start = end + 1;
  }
}

}  // namespace

std::set<std::string> files_changed_since(const std::string& ref, const std::vector<std::string>& inputs) {
  std::set<std::string> repositories;
  for (const std::string& input : inputs) repositories.insert(repository_of(input));
  std::set<std::string> changed;
  for (const std::string& repository : repositories) {
    std::string base = merge_base(repository, ref);
    add_listed(repository, {"diff", "--name-only", "-z", "--no-renames", "--diff-filter=d", base, "--"}, changed);
    add_listed(repository, {"ls-files", "--others", "--exclude-standard", "-z"}, changed);
  }
  return changed;
}

std::vector<MigrationPlan> only_changed(std::vector<MigrationPlan> plans, const std::set<std::string>& changed) {
  auto is_changed = [&](const std::optional<InputFile>& file) { return file && changed.count(canonical(file->path)); };
  std::erase_if(plans, [&](const MigrationPlan& plan) {
    return !is_changed(plan.file) && !is_changed(plan.down_file) && !is_changed(plan.verify_file);
  });
  return plans;
}

}  // namespace miglint
