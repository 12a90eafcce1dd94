#pragma once

#include <cstddef>
#include <optional>
#include <string_view>
#include <vector>

namespace miglint {

// The runner a directory of migrations was written for.
enum class Layout {
  Miglint,        // one file, `-- UP` then `-- DOWN` (the design document's format)
  UpDownFiles,    // golang-migrate and ory/popx: <version>_<name>.up.sql + .down.sql
  Dbmate,         // -- migrate:up / -- migrate:down
  Goose,          // -- +goose Up / -- +goose Down
  Flyway,         // V<version>__<name>.sql, U<version>__<name>.sql, R__<name>.sql
  Prisma,         // <timestamp>_<name>/migration.sql
  Sqitch,         // sqitch.plan with deploy/, revert/, verify/
  Plain,          // numbered .sql files, run in natural order
};

std::string_view to_string(Layout layout);
std::optional<Layout> parse_layout(std::string_view name);
std::vector<std::string_view> layout_names();  // every name parse_layout accepts

// How the runner wraps a migration in transactions.
enum class Envelope {
  None,                     // each statement commits on its own unless the file says BEGIN
  TransactionPerMigration,  // the runner sends BEGIN ... COMMIT around the migration
  OneString,                // the file is sent in one call: an implicit transaction when it holds several statements
  TransactionUnlessAllNonTransactional,  // miglint apply: autocommit only for migrations of CONCURRENTLY-like statements
};

std::string_view to_string(Envelope envelope);

enum class SectionKind { Up, Down, Verify };

std::string_view to_string(SectionKind kind);

// A place in the migration's files, for findings about the migration as a whole.
struct SourceMark {
  const void* file = nullptr;
  std::size_t offset = 0;
};

// What a rule may know about the migration as a whole.
struct MigrationFacts {
  std::string_view id;
  std::string_view name;
  Layout layout;
  bool layout_has_down = false;  // the runner supports down migrations for this migration
  bool has_down = false;         // a down part exists (it may still be empty)
  std::size_t up_statements = 0;
  std::size_t down_statements = 0;
  std::vector<SourceMark> unclosed_transactions;  // BEGINs that no COMMIT or ROLLBACK ended
};

}  // namespace miglint
