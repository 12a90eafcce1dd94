#include "engine/runnable.hpp"

#include "engine/deep_stack.hpp"
#include "engine/sections.hpp"
#include "engine/statements.hpp"
#include "engine/transaction.hpp"

#include <algorithm>
#include <exception>

namespace miglint {

namespace {

bool only_settings_besides(const std::vector<RunnableStatement>& statements, bool outside) {
  return std::all_of(statements.begin(), statements.end(), [&](const RunnableStatement& statement) {
    return statement.setting || statement.transaction_control || statement.outside_transaction == outside;
  });
}

RunnableStatement runnable(const Statement& statement, const LoadedFile& file, int pg_version) {
  Statement exact = exact_statement(statement, file);
  std::string_view text = file.text();
  std::string_view sql = text.substr(exact.begin, exact.end - exact.begin);
  while (!sql.empty() && (sql.back() == ';' || sql.back() == ' ' || sql.back() == '\n' || sql.back() == '\r' ||
                          sql.back() == '\t'))
    sql.remove_suffix(1);
  const Node& root = statement.root;
  RunnableStatement result;
  result.sql = std::string(sql);
  result.path = file.source().path();
  result.start = file.source().position(exact.begin);
  result.outside_transaction = cannot_run_in_transaction(root, pg_version);
  result.transaction_control = root.is("TransactionStmt");
  result.setting = root.is("VariableSetStmt");
  result.locks = locks_taken(root);
  if (root.is("IndexStmt") && root.flag("concurrent") && !root.str("idxname").empty()) {
    RelationName table = RelationName::of(root.child("relation"));
    result.concurrent_index = RelationName{table.schema, std::string(root.str("idxname"))};
  }
  return result;
}

}  // namespace

bool RunnableSection::transactional() const {
  bool any_outside = std::any_of(statements.begin(), statements.end(),
                                 [](const RunnableStatement& statement) { return statement.outside_transaction; });
  return !any_outside || !only_settings_besides(statements, true);
}

bool RunnableSection::mixes_transaction_modes() const {
  return !only_settings_besides(statements, true) && !only_settings_besides(statements, false);
}

namespace {

RunnableMigration read_runnable(const MigrationPlan& plan, int pg_version) {
  RunnableMigration migration;
  std::vector<std::unique_ptr<LoadedFile>> files;
  auto load = [&](const std::optional<InputFile>& input) -> const LoadedFile* {
    if (!input) return nullptr;
    std::optional<std::string> text = input_text(*input, migration.errors);
    if (!text) return nullptr;
    files.push_back(std::make_unique<LoadedFile>(SourceFile(input->display, std::move(*text)), has_markers(plan.layout)));
    return files.back().get();
  };
  const LoadedFile* file = load(plan.file);
  const LoadedFile* down = load(plan.down_file);
  if (!migration.errors.empty()) return migration;
  MigrationSections sections = build_sections(plan, file, down, nullptr);
  migration.down.present = plan.layout_has_down;
  StatementReader reader;
  for (const Section& section : sections.sections) {
    if (section.kind == SectionKind::Verify) continue;
    RunnableSection& part = section.kind == SectionKind::Up ? migration.up : migration.down;
    part.present = true;
    reader.read(section, [&](Statement&& statement) {
      if (statement.root) {
        part.statements.push_back(runnable(statement, *section.file, pg_version));
      } else {
        const SourceFile& source = section.file->source();
        std::string message = !statement.message.empty() ? statement.message
                              : statement.unparsed.excerpt.empty() ? std::string("not SQL that PostgreSQL can run")
                                                                   : "not SQL: " + std::string(statement.unparsed.excerpt);
        part.unrunnable.push_back({source.path(), source.position(statement.unparsed_at), message});
      }
      reader.recycle();
    });
  }
  return migration;
}

}  // namespace

// Parsed on a thread with the stack a deep tree takes, as check() does.
RunnableMigration runnable_migration(const MigrationPlan& plan, int pg_version) {
  RunnableMigration migration;
  std::exception_ptr failure;
  {
    DeepStackThread reading([&] {
      try {
        migration = read_runnable(plan, pg_version);
      } catch (...) {
        failure = std::current_exception();
      }
    });
  }
  if (failure) std::rethrow_exception(failure);
  return migration;
}

}  // namespace miglint
