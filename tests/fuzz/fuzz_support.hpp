#pragma once

// What the fuzz targets share: the settings they lint with, a file name for
// each layout, and how they report a broken invariant.

#include "engine/check.hpp"

#include <miglint/registry.hpp>

#include <cstdio>
#include <cstdlib>
#include <iterator>
#include <string>

namespace miglint::fuzz {

// Every rule, those off by default included: each one is more code an input can reach.
inline CheckSettings every_rule() {
  CheckSettings settings;
  settings.jobs = 1;
  settings.rules.assign(all_rules().begin(), all_rules().end());
  return settings;
}

struct LayoutFile {
  Layout layout;
  const char* path;
};

// Names each runner accepts, so that the version and name are read as well.
inline constexpr LayoutFile kLayoutFiles[] = {
    {Layout::Miglint, "migrations/20240101120000_add_users.sql"},
    {Layout::UpDownFiles, "migrations/000042_add_users.up.sql"},
    {Layout::Dbmate, "db/migrations/20240101120000_add_users.sql"},
    {Layout::Goose, "migrations/00042_add_users.sql"},
    {Layout::Flyway, "sql/V42__add_users.sql"},
    {Layout::Prisma, "prisma/migrations/20240101120000_add_users/migration.sql"},
    {Layout::Sqitch, "deploy/add_users.sql"},
    {Layout::Plain, "migrations/0042_add_users.sql"},
};
static_assert(std::size(kLayoutFiles) == static_cast<std::size_t>(Layout::Plain) + 1,
              "a layout was added: give it a file here so the fuzz targets force it too");

// libFuzzer and the replay runner both report an abort with the input that caused it.
[[noreturn]] inline void fail(const std::string& what) {
  std::fprintf(stderr, "fuzz invariant violated: %s\n", what.c_str());
  std::abort();
}

}  // namespace miglint::fuzz
