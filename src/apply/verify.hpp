#pragma once

#include "apply/connection.hpp"
#include "apply/schema_snapshot.hpp"
#include "layouts/plan.hpp"

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace miglint::apply {

struct VerifyProblem {
  enum class Kind {
    CannotRun,         // a file cannot be read, or a part cannot be run as apply would run it
    UpFailed,
    MissingDown,
    DownFailed,
    DownLeaves,        // an object UP made, still there after DOWN
    DownDoesNotRestore,
    DownChanges,
    UpFailedAfterDown,
  };
  Kind kind = Kind::CannotRun;
  std::string message;  // "DOWN leaves column users.phone (character varying(20))"
  std::optional<SchemaObjectKey> object;
};

std::string_view to_string(VerifyProblem::Kind kind);  // "down-leaves"

struct MigrationVerdict {
  enum class Outcome { Reversible, Failed, NotVerified };
  std::string label;  // "0005_add_phone"
  std::string version;
  std::string name;
  // NotVerified: an earlier migration left the schema unknown, or its UP failed.
  Outcome outcome = Outcome::NotVerified;
  std::vector<VerifyProblem> problems;
};

std::string_view to_string(MigrationVerdict::Outcome outcome);  // "not verified"

// For each migration in order: snapshot the schema, run UP, then DOWN,
// snapshot again and compare, then run UP again and go on. Each part runs
// as apply runs it (one transaction, or autocommit when it must), without a
// history table. A failure that leaves the schema unknown, or an UP that
// fails, stops the run: the migrations after it are NotVerified.
// `on_verdict` hears each migration as soon as it is judged.
std::vector<MigrationVerdict> verify_migrations(Connection& connection, const std::vector<MigrationPlan>& plans,
                                                const std::function<void(const MigrationVerdict&)>& on_verdict);

}  // namespace miglint::apply
