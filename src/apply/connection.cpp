#include "apply/connection.hpp"

#include <libpq-fe.h>

#include <cstdlib>
#include <iostream>
#include <algorithm>
#include <memory>
#include <utility>

namespace miglint::apply {

namespace {

// libpq gives up on an unreachable host only when the operating system
// does; a deploy should learn within seconds that the address is wrong.
constexpr const char* default_connect_timeout_seconds = "10";

std::string trimmed(std::string text) {
  while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.pop_back();
  return text;
}

bool is_url(std::string_view conninfo) {
  return conninfo.starts_with("postgres://") || conninfo.starts_with("postgresql://");
}

// `password=secret` or `password='with spaces'` in a key=value conninfo.
std::string masked_keywords(std::string_view conninfo) {
  std::string result;
  std::size_t i = 0;
  while (i < conninfo.size()) {
    std::size_t key_start = i;
    while (i < conninfo.size() && conninfo[i] != '=' && conninfo[i] != ' ') ++i;
    std::string_view key = conninfo.substr(key_start, i - key_start);
    while (i < conninfo.size() && conninfo[i] == ' ') ++i;
    if (i >= conninfo.size() || conninfo[i] != '=') {
      result.append(conninfo.substr(key_start, i - key_start));
      continue;
    }
    result.append(conninfo.substr(key_start, i + 1 - key_start));
    ++i;
    while (i < conninfo.size() && conninfo[i] == ' ') result.push_back(conninfo[i++]);
    std::size_t value_start = i;
    if (i < conninfo.size() && conninfo[i] == '\'') {
      for (++i; i < conninfo.size() && conninfo[i] != '\''; ++i)
        if (conninfo[i] == '\\') ++i;
      if (i < conninfo.size()) ++i;
    } else {
      while (i < conninfo.size() && conninfo[i] != ' ') {
        if (conninfo[i] == '\\') ++i;
        ++i;
      }
    }
    i = std::min(i, conninfo.size());
    if (key == "password")
      result.append("***");
    else
      result.append(conninfo.substr(value_start, i - value_start));
  }
  return result;
}

// postgres://user:secret@host/db?password=secret
std::string masked_url(std::string_view url) {
  std::string result(url);
  std::size_t authority = result.find("://") + 3;
  std::size_t authority_end = result.find_first_of("/?", authority);
  std::size_t at = result.rfind('@', authority_end == std::string::npos ? std::string::npos : authority_end);
  if (at != std::string::npos && at >= authority) {
    std::size_t colon = result.find(':', authority);
    if (colon != std::string::npos && colon < at) result.replace(colon + 1, at - colon - 1, "***");
  }
  for (std::size_t key = result.find("password=", authority); key != std::string::npos;
       key = result.find("password=", key + 1)) {
    if (result[key - 1] != '?' && result[key - 1] != '&') continue;
    std::size_t value = key + std::string_view("password=").size();
    std::size_t end = result.find('&', value);
    result.replace(value, (end == std::string::npos ? result.size() : end) - value, "***");
  }
  return result;
}

// Server notices are advice for a person at a terminal ("skipping", "will
// be truncated"); warnings are shown, the chatter below them is not.
void forward_warnings(void*, const PGresult* notice) {
  const char* severity = PQresultErrorField(notice, PG_DIAG_SEVERITY_NONLOCALIZED);
  if (severity == nullptr || std::string_view(severity) != "WARNING") return;
  std::cerr << "postgres: " << trimmed(PQresultErrorMessage(notice)) << '\n';
}

// When the server ends a session, libpq's result says only "server closed
// the connection unexpectedly" and guesses why; what the server said
// first ("FATAL:  terminating connection due to administrator command") is
// in the connection's message. Its first line, without the severity.
std::string reason_connection_was_lost(const pg_conn* connection) {
  std::string first_line = PQerrorMessage(connection);
  first_line = first_line.substr(0, first_line.find('\n'));
  for (std::string_view severity : {"FATAL:  ", "PANIC:  "})
    if (first_line.starts_with(severity)) return first_line.substr(severity.size());
  return first_line;
}

std::string error_message(const PGresult* result, const pg_conn* connection) {
  const char* primary = result ? PQresultErrorField(result, PG_DIAG_MESSAGE_PRIMARY) : nullptr;
  if (primary == nullptr && PQstatus(connection) == CONNECTION_BAD) return reason_connection_was_lost(connection);
  if (result == nullptr) return trimmed(PQerrorMessage(connection));
  if (primary == nullptr) return trimmed(PQresultErrorMessage(result));
  std::string message = primary;
  if (const char* detail = PQresultErrorField(result, PG_DIAG_MESSAGE_DETAIL)) message += " (" + std::string(detail) + ")";
  return message;
}

}  // namespace

std::string choose_conninfo(const std::optional<std::string>& db_option) {
  if (db_option) return *db_option;
  if (const char* url = std::getenv("DATABASE_URL"); url != nullptr && *url != '\0') return url;
  return "";
}

std::string masked(std::string_view conninfo) {
  return is_url(conninfo) ? masked_url(conninfo) : masked_keywords(conninfo);
}

Connection::Connection(const std::string& conninfo, const std::string& application_name) {
  // A later keyword wins, and the expanded conninfo comes last: what the
  // user wrote overrides our defaults.
  const bool timeout_from_environment = std::getenv("PGCONNECT_TIMEOUT") != nullptr;
  const char* keywords[] = {"application_name", "connect_timeout", "dbname", nullptr};
  const char* values[] = {application_name.c_str(), timeout_from_environment ? nullptr : default_connect_timeout_seconds,
                          conninfo.c_str(), nullptr};
  connection_ = PQconnectdbParams(keywords, values, /*expand_dbname=*/1);
  if (connection_ == nullptr) throw DatabaseError("cannot connect: libpq is out of memory", "");
  if (PQstatus(connection_) != CONNECTION_OK) {
    std::string message = "cannot connect to " + (conninfo.empty() ? describe() : masked(conninfo)) + ": " +
                          trimmed(PQerrorMessage(connection_));
    PQfinish(connection_);
    connection_ = nullptr;
    throw DatabaseError(std::move(message), "");
  }
  PQsetNoticeReceiver(connection_, forward_warnings, nullptr);
}

Connection::~Connection() {
  if (connection_ != nullptr) PQfinish(connection_);
}

Connection::Connection(Connection&& other) noexcept : connection_(std::exchange(other.connection_, nullptr)) {}

Connection& Connection::operator=(Connection&& other) noexcept {
  if (this != &other) {
    if (connection_ != nullptr) PQfinish(connection_);
    connection_ = std::exchange(other.connection_, nullptr);
  }
  return *this;
}

Result Connection::run(std::string_view sql) { return run(sql, {}); }

Result Connection::run(std::string_view sql, const std::vector<std::optional<std::string>>& parameters) {
  std::vector<const char*> values;
  values.reserve(parameters.size());
  for (const std::optional<std::string>& parameter : parameters) values.push_back(parameter ? parameter->c_str() : nullptr);
  // The extended protocol, even without parameters: the server then refuses
  // a string that holds more than one statement.
  std::unique_ptr<PGresult, decltype(&PQclear)> result(
      PQexecParams(connection_, std::string(sql).c_str(), static_cast<int>(values.size()), nullptr, values.data(),
                   nullptr, nullptr, /*resultFormat=*/0),
      &PQclear);
  ExecStatusType status = result ? PQresultStatus(result.get()) : PGRES_FATAL_ERROR;
  if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) {
    const char* sqlstate = result ? PQresultErrorField(result.get(), PG_DIAG_SQLSTATE) : nullptr;
    throw DatabaseError(error_message(result.get(), connection_), sqlstate ? sqlstate : "");
  }
  Result rows;
  for (int column = 0; column < PQnfields(result.get()); ++column) rows.columns.emplace_back(PQfname(result.get(), column));
  rows.rows.resize(PQntuples(result.get()));
  for (int row = 0; row < PQntuples(result.get()); ++row)
    for (int column = 0; column < PQnfields(result.get()); ++column)
      rows.rows[row].push_back(PQgetisnull(result.get(), row, column)
                                   ? std::nullopt
                                   : std::optional<std::string>(PQgetvalue(result.get(), row, column)));
  rows.command_status = PQcmdStatus(result.get());
  return rows;
}

int Connection::server_version_num() const { return PQserverVersion(connection_); }

int Connection::backend_pid() const { return PQbackendPID(connection_); }

std::string Connection::describe() const {
  std::string host = PQhost(connection_) ? PQhost(connection_) : "";
  return std::string(PQuser(connection_) ? PQuser(connection_) : "") + "@" + host + ":" +
         (PQport(connection_) ? PQport(connection_) : "") + "/" + (PQdb(connection_) ? PQdb(connection_) : "");
}

bool Connection::in_transaction() const {
  PGTransactionStatusType status = PQtransactionStatus(connection_);
  return status == PQTRANS_INTRANS || status == PQTRANS_INERROR;
}

bool Connection::lost() const { return PQstatus(connection_) == CONNECTION_BAD; }

pg_cancel* Connection::new_cancel_handle() const { return PQgetCancel(connection_); }

}  // namespace miglint::apply
