#pragma once

#include <miglint/migration.hpp>

#include <optional>
#include <string>
#include <string_view>

namespace miglint {

// "20240115_001_add_phone" -> version "20240115_001", name "add_phone".
struct VersionedName {
  std::string version;
  std::string name;
};
VersionedName split_version(std::string_view stem);

// Orders digit runs by value, so that "2_x" < "10_x".
bool natural_less(std::string_view a, std::string_view b);

// golang-migrate / ory popx: <version>_<name>[.<dialect>].(up|down).sql
struct UpDownName {
  std::string key;      // the file name without dialect and direction
  SectionKind direction = SectionKind::Up;
  std::string dialect;  // empty when the file has none
};
std::optional<UpDownName> parse_up_down(std::string_view filename);
// Files for another database, which a PostgreSQL run skips.
bool is_foreign_dialect(std::string_view dialect);

// Flyway: V<version>__<description>.sql, U<version>__..., R__<description>.sql
struct FlywayName {
  char prefix = 'V';
  std::string version;  // empty for repeatable migrations
  std::string description;
};
std::optional<FlywayName> parse_flyway(std::string_view filename);

}  // namespace miglint
