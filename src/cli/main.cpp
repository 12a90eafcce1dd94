#include "apply/connection.hpp"
#include "cli/commands.hpp"
#include "config/config.hpp"
#include "cli/examples.hpp"
#include "layouts/plan.hpp"
#include "version.hpp"

#include <array>
#include <iostream>

namespace miglint::cli {

int main(int argc, char** argv) {
  CLI::App app{"miglint: checks PostgreSQL migrations for locks and changes that break running code"};
  app.set_version_flag("--version", std::string(kVersion));
  app.require_subcommand(1);
  app.footer(std::string(kMainExamples));
  std::array commands{add_check_command(app),    add_rules_command(app),           add_explain_command(app),
                      add_status_command(app),   add_baseline_command(app),        add_accept_checksum_command(app),
                      add_import_command(app),   add_apply_command(app),           add_rollback_command(app),
                      add_trace_command(app),    add_verify_command(app)};

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& error) {
    int code = app.exit(error);
    return code == 0 ? kExitClean : kExitUsage;
  }
  try {
    for (const Command& command : commands)
      if (command.app->parsed()) return command.run();
  } catch (const InputError& error) {
    std::cerr << "miglint: " << error.what() << '\n';
  } catch (const ConfigError& error) {
    std::cerr << "miglint: " << error.what() << '\n';
  } catch (const UsageError& error) {
    std::cerr << "miglint: " << error.what() << '\n';
  } catch (const apply::DatabaseError& error) {
    std::cerr << "miglint: " << error.what() << '\n';
  } catch (const std::exception& error) {
    std::cerr << "miglint: internal error: " << error.what() << '\n';
  }
  return kExitUsage;
}

}  // namespace miglint::cli

int main(int argc, char** argv) { return miglint::cli::main(argc, argv); }
