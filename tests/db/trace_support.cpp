#include "trace_support.hpp"

#include "connection.hpp"

#include <unistd.h>

#include <atomic>

namespace miglint::db_test {

namespace {

std::string unique_name(const std::string& purpose) {
  static std::atomic<int> count{0};
  return "miglint_" + purpose + "_" + std::to_string(::getpid()) + "_" + std::to_string(++count);
}

std::string created(const std::string& name, const std::string& template_name = "") {
  Connection("").run("CREATE DATABASE " + name + (template_name.empty() ? "" : " TEMPLATE " + template_name));
  return name;
}

void drop(const std::string& name) {
  try {
    Connection("").run("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
  } catch (const ServerError&) {
    // The cluster is thrown away after the run; a database left behind costs nothing.
  }
}

}  // namespace

TemplateDatabase::TemplateDatabase(const std::string& sql) : name_(created(unique_name("trace_template"))) {
  Connection(name_).run(sql);
}

TemplateDatabase::~TemplateDatabase() { drop(name_); }

TraceDatabase::TraceDatabase(const TemplateDatabase& from)
    : name_(created(unique_name("trace"), from.name())), conninfo_("dbname=" + name_), connection_(conninfo_) {}

TraceDatabase::TraceDatabase()
    : name_(created(unique_name("trace"))), conninfo_("dbname=" + name_), connection_(conninfo_) {}

TraceDatabase::~TraceDatabase() { drop(name_); }

}  // namespace miglint::db_test
