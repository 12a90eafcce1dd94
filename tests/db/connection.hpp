#pragma once

#include <libpq-fe.h>

#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace miglint::db_test {

// PostgreSQL refused a statement; what() is its error message.
struct ServerError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

using Row = std::vector<std::string>;

// One libpq connection, set up from PGHOST, PGPORT, PGUSER and PGDATABASE
// (tests/db/with-postgres exports them).
class Connection {
 public:
  // An empty `database` keeps PGDATABASE.
  explicit Connection(const std::string& database = "");

  // Runs `sql`, which may hold several statements; the rows are those of
  // the last one, NULLs read as "".
  std::vector<Row> run(std::string_view sql);

 private:
  std::unique_ptr<PGconn, decltype(&PQfinish)> connection_;
};

}  // namespace miglint::db_test
