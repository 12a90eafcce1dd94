#pragma once

#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

struct pg_cancel;
struct pg_conn;
struct pg_result;

namespace miglint::apply {

// The server refused a statement or the connection failed. what() never
// holds a password.
struct DatabaseError : std::runtime_error {
  DatabaseError(std::string message, std::string sqlstate) : std::runtime_error(std::move(message)), sqlstate(std::move(sqlstate)) {}
  std::string sqlstate;  // "55P03"; empty when the connection itself failed
  bool lock_timeout() const { return sqlstate == "55P03"; }
  bool deadlock() const { return sqlstate == "40P01"; }
};

// How to reach the server: --db, else DATABASE_URL, else libpq's PG*
// variables (an empty conninfo).
std::string choose_conninfo(const std::optional<std::string>& db_option);
// A conninfo string or URL with its password replaced by "***", for messages.
std::string masked(std::string_view conninfo);

using Row = std::vector<std::optional<std::string>>;  // nullopt for NULL

struct Result {
  std::vector<std::string> columns;
  std::vector<Row> rows;
  std::string command_status;  // "CREATE INDEX", "UPDATE 3"
};

// One libpq connection. Every statement goes as its own call; parameters
// are sent separately from the SQL, never spliced into it.
class Connection {
 public:
  // Throws DatabaseError naming the masked target when the connection fails.
  explicit Connection(const std::string& conninfo, const std::string& application_name = "miglint");
  ~Connection();
  Connection(Connection&&) noexcept;
  Connection& operator=(Connection&&) noexcept;

  Result run(std::string_view sql);
  Result run(std::string_view sql, const std::vector<std::optional<std::string>>& parameters);

  int server_version_num() const;  // 150004
  int server_major_version() const { return server_version_num() / 10000; }
  int backend_pid() const;
  // A target for messages: user@host:port/database, no password.
  std::string describe() const;
  // Whether the session is inside a transaction block (BEGIN without COMMIT yet).
  bool in_transaction() const;
  // Whether the connection is gone: the server closed it, or it broke.
  bool lost() const;
  // What PQcancel needs to cancel this connection's running statement, from
  // any thread; the caller owns it (PQfreeCancel).
  pg_cancel* new_cancel_handle() const;

 private:
  pg_conn* connection_ = nullptr;
};

}  // namespace miglint::apply
