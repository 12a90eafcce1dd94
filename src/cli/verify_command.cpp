#include "apply/verify.hpp"
#include "cli/commands.hpp"
#include "cli/examples.hpp"
#include "cli/database_options.hpp"
#include "cli/scratch_target.hpp"

#include <nlohmann/json.hpp>

#include <iostream>
#include <map>
#include <memory>

namespace miglint::cli {

namespace {

using apply::MigrationVerdict;

struct VerifyOptions {
  DatabaseOptions migrations;
  ScratchOptions target;
  std::string format = "tty";
};

void write_verdict_line(std::ostream& out, const MigrationVerdict& verdict) {
  if (verdict.outcome != MigrationVerdict::Outcome::Failed) {
    out << verdict.label << ": " << apply::to_string(verdict.outcome) << '\n';
    return;
  }
  for (const apply::VerifyProblem& problem : verdict.problems) out << verdict.label << ": " << problem.message << '\n';
}

nlohmann::json verdict_json(const MigrationVerdict& verdict) {
  nlohmann::json problems = nlohmann::json::array();
  for (const apply::VerifyProblem& problem : verdict.problems) {
    nlohmann::json entry{{"kind", apply::to_string(problem.kind)}, {"message", problem.message}};
    if (problem.object) {
      entry["object_kind"] = problem.object->kind;
      entry["object"] = problem.object->name;
    }
    problems.push_back(std::move(entry));
  }
  return {{"version", verdict.version},
          {"name", verdict.name},
          {"result", apply::to_string(verdict.outcome)},
          {"problems", std::move(problems)}};
}

int run_verify(const VerifyOptions& options) {
  const bool json = options.format == "json";
  std::vector<MigrationPlan> plans = discover_migrations(options.migrations);
  ScratchTarget target(options.target, "miglint_verify");
  apply::Connection connection(target.conninfo());
  std::cerr << "miglint: verifying " << plans.size() << " migration" << (plans.size() == 1 ? "" : "s") << " on "
            << target.description() << '\n';

  std::vector<MigrationVerdict> verdicts = apply::verify_migrations(
      connection, plans, [&](const MigrationVerdict& verdict) {
        if (!json) write_verdict_line(std::cout, verdict);
      });

  std::map<MigrationVerdict::Outcome, std::size_t> counts;
  for (const MigrationVerdict& verdict : verdicts) ++counts[verdict.outcome];
  const std::size_t reversible = counts[MigrationVerdict::Outcome::Reversible];
  const std::size_t failed = counts[MigrationVerdict::Outcome::Failed];
  const std::size_t not_verified = counts[MigrationVerdict::Outcome::NotVerified];
  if (json) {
    nlohmann::json migrations = nlohmann::json::array();
    for (const MigrationVerdict& verdict : verdicts) migrations.push_back(verdict_json(verdict));
    nlohmann::json document{{"server_version", connection.server_version_num()},
                            {"migrations", std::move(migrations)},
                            {"reversible", reversible},
                            {"failed", failed},
                            {"not_verified", not_verified}};
    std::cout << document.dump(2) << '\n';
  } else {
    std::cout << verdicts.size() << " migration" << (verdicts.size() == 1 ? "" : "s") << ": " << reversible
              << " reversible, " << failed << " failed, " << not_verified << " not verified\n";
  }
  return failed + not_verified == 0 ? kExitClean : kExitFindings;
}

}  // namespace

Command add_verify_command(CLI::App& app) {
  auto options = std::make_shared<VerifyOptions>();
  CLI::App* command = app.add_subcommand(
      "verify", "Run each migration's UP, DOWN and UP again on a scratch database; report what DOWN does not undo");
  add_migration_options(*command, options->migrations);
  add_scratch_options(*command, options->target);
  command->add_option("--format", options->format, "Output format")
      ->check(CLI::IsMember({"tty", "json"}))
      ->capture_default_str();
  command->footer(std::string(kVerifyExamples));
  return {command, [options] {
            try {
              return run_verify(*options);
            } catch (const apply::ScratchClusterError& error) {
              std::cerr << "miglint: " << error.what() << '\n';
              return kExitUsage;
            }
          }};
}

}  // namespace miglint::cli
