#include "connection.hpp"

namespace miglint::db_test {

namespace {

std::string trimmed(std::string message) {
  while (!message.empty() && (message.back() == '\n' || message.back() == ' ')) message.pop_back();
  return message;
}

}  // namespace

Connection::Connection(const std::string& database) : connection_(nullptr, &PQfinish) {
  const char* keywords[] = {"dbname", nullptr};
  const char* values[] = {database.empty() ? nullptr : database.c_str(), nullptr};
  connection_.reset(PQconnectdbParams(keywords, values, /*expand_dbname=*/0));
  if (PQstatus(connection_.get()) != CONNECTION_OK)
    throw std::runtime_error("cannot connect to PostgreSQL (run the tests under tests/db/with-postgres): " +
                             trimmed(PQerrorMessage(connection_.get())));
  // Notices such as "table will be rewritten" are not what the tests read.
  run("SET client_min_messages = warning");
}

std::vector<Row> Connection::run(std::string_view sql) {
  std::unique_ptr<PGresult, decltype(&PQclear)> result(PQexec(connection_.get(), std::string(sql).c_str()), &PQclear);
  ExecStatusType status = PQresultStatus(result.get());
  if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK)
    throw ServerError(trimmed(result ? PQresultErrorMessage(result.get()) : PQerrorMessage(connection_.get())));
  std::vector<Row> rows(PQntuples(result.get()));
  for (int row = 0; row < PQntuples(result.get()); ++row)
    for (int column = 0; column < PQnfields(result.get()); ++column)
      rows[row].emplace_back(PQgetvalue(result.get(), row, column));
  return rows;
}

}  // namespace miglint::db_test
