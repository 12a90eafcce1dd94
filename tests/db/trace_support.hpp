#pragma once

#include "apply/connection.hpp"
#include "apply/trace.hpp"

#include <string>

namespace miglint::db_test {

// A database loaded with `sql` once, to copy: it keeps no connection open,
// as CREATE DATABASE ... TEMPLATE requires. Dropped at the end.
class TemplateDatabase {
 public:
  explicit TemplateDatabase(const std::string& sql);
  ~TemplateDatabase();
  TemplateDatabase(const TemplateDatabase&) = delete;
  TemplateDatabase& operator=(const TemplateDatabase&) = delete;
  const std::string& name() const { return name_; }

 private:
  std::string name_;
};

// A copy of a template (or an empty database) to trace on, with miglint's
// own connection to it. Dropped at the end.
class TraceDatabase {
 public:
  explicit TraceDatabase(const TemplateDatabase& from);
  TraceDatabase();
  ~TraceDatabase();
  TraceDatabase(const TraceDatabase&) = delete;
  TraceDatabase& operator=(const TraceDatabase&) = delete;

  const std::string& conninfo() const { return conninfo_; }
  apply::Connection& connection() { return connection_; }

 private:
  std::string name_;
  std::string conninfo_;
  apply::Connection connection_;
};

}  // namespace miglint::db_test
