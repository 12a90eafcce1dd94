#pragma once

#include <miglint/migration.hpp>

#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace miglint {

struct InputFile {
  std::string display;              // the path as the user gave it
  std::string path;                 // where to read it
  std::optional<std::string> text;  // set for standard input
};

// One migration as the runner sees it, before any file is read.
struct MigrationPlan {
  Layout layout = Layout::Plain;
  std::string id;    // version, as the runner orders it
  std::string name;
  std::optional<InputFile> file;  // the up file, or the only file of a single-file layout
  std::optional<InputFile> down_file;
  std::optional<InputFile> verify_file;
  bool layout_has_down = false;
  Envelope envelope = Envelope::None;  // file markers may still change it
};

struct DiscoverOptions {
  std::optional<Layout> layout;  // --layout: skip detection
  std::string stdin_filename;    // display name for `-`
};

// Thrown for inputs that cannot be linted at all: exit code 2.
struct InputError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// The plan for one file of `layout`, as though it were alone in its directory.
MigrationPlan plan_for_file(Layout layout, InputFile file);

// Expands files, directories (recursively), globs and `-` into migrations,
// each directory in its runner's order.
std::vector<MigrationPlan> discover(const std::vector<std::string>& inputs, const DiscoverOptions& options);

}  // namespace miglint
