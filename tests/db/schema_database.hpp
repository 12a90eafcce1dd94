#pragma once

#include "connection.hpp"

#include <filesystem>
#include <string>

namespace miglint::db_test {

inline const std::filesystem::path kTestDir = MIGLINT_DB_TEST_DIR;

std::string read_test_file(const std::string& name);

// A connection to a database created for this run from tests/db/schema.sql,
// and dropped at exit. Tests leave it as they found it: they roll back.
Connection& schema_database();

}  // namespace miglint::db_test
