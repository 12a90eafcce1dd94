#include "cli/trace_output.hpp"

#include "apply/lock_conflicts.hpp"
#include "apply/trace_summary.hpp"
#include "cli/apply_output.hpp"

#include <nlohmann/json.hpp>

#include <cstdio>
#include <map>
#include <ostream>

namespace miglint::cli {

namespace {

using nlohmann::json;

std::string milliseconds_text(std::chrono::microseconds duration) {
  char text[32];
  std::snprintf(text, sizeof text, "%.1f ms", duration.count() / 1000.0);
  return text;
}

double milliseconds(std::chrono::microseconds duration) { return duration.count() / 1000.0; }

std::string location(const RunnableStatement& statement) {
  return statement.path + ":" + std::to_string(statement.start.line);
}

std::string blocked(LockMode mode) {
  const bool reads = apply::blocks_reads(mode), writes = apply::blocks_writes(mode);
  return reads && writes ? "blocks reads and writes" : writes ? "blocks writes" : "blocks neither reads nor writes";
}

std::string span_text(const apply::LockSpan& span) {
  std::string text = std::string(to_string(span.mode));
  if (span.until_commit)
    text += " from statement " + std::to_string(span.from) + " until commit";
  else if (span.from == span.until)
    text += " during statement " + std::to_string(span.from);
  else
    text += " from statement " + std::to_string(span.from) + " to " + std::to_string(span.until);
  return text + " (" + blocked(span.mode) + ")";
}

void write_statement(std::ostream& out, const apply::StatementTrace& step) {
  out << "  " << step.number << ". " << location(step.statement) << "  " << statement_excerpt(step.statement.sql, 60);
  if (step.error) {
    out << "\n       failed: " << *step.error << '\n';
    return;
  }
  out << "  [" << milliseconds_text(step.duration) << (step.outside_transaction ? ", outside a transaction" : "")
      << "]\n";
  std::string locks;
  for (const apply::HeldLock& lock : step.locks)
    locks += (locks.empty() ? "" : ", ") + lock.relation + " " + std::string(to_string(lock.mode));
  if (!locks.empty()) out << "       " << (step.outside_transaction ? "strongest seen: " : "holds: ") << locks << '\n';
  else if (step.outside_transaction) out << "       no relation lock seen while it ran\n";
  for (const std::string& relation : step.changes.rewritten) out << "       rewrite of " << relation << '\n';
  for (const std::string& change : step.changes.schema) out << "       " << change << '\n';
}

void write_timeline(std::ostream& out, const apply::MigrationTrace& trace) {
  std::map<std::string, std::string> by_relation;
  for (const apply::LockSpan& span : apply::lock_spans(trace)) {
    std::string& line = by_relation[span.relation];
    line += (line.empty() ? "" : ", ") + span_text(span);
  }
  for (const apply::StatementTrace& step : trace.statements)
    for (const std::string& relation : step.changes.rewritten)
      by_relation[relation] += "; rewrite of " + relation + " at statement " + std::to_string(step.number);
  if (by_relation.empty()) return;
  out << "  timeline:\n";
  for (const auto& [relation, line] : by_relation) out << "    " << relation << ": " << line << '\n';
}

void write_verdict(std::ostream& out, const apply::MigrationTrace& trace) {
  std::size_t count = 0;
  for (const apply::StatementTrace& step : trace.statements) count += !step.error;
  std::vector<apply::TableBlocking> tables = apply::blocked_tables(trace);
  if (tables.empty()) {
    out << "  verdict: no table that existed before blocked for reads or writes\n";
    return;
  }
  out << "  verdict:\n";
  const std::string of = " of " + std::to_string(count) + " statements";
  for (const apply::TableBlocking& table : tables) {
    out << "    " << table.table << ": ";
    if (table.statements_blocking_reads)
      out << "reads blocked for " << table.statements_blocking_reads << of << " (" << milliseconds_text(table.reads_blocked)
          << "), ";
    out << "writes blocked for " << table.statements_blocking_writes << of << " ("
        << milliseconds_text(table.writes_blocked) << ")\n";
  }
}

void write_migration(std::ostream& out, const TracedMigration& migration) {
  const apply::MigrationTrace& trace = migration.trace;
  out << trace.version << (trace.name.empty() ? "" : " " + trace.name) << " ("
      << (trace.transactional ? "in one transaction" : "in autocommit") << ")\n";
  if (migration.seed) {
    for (const std::string& table : migration.seed->seeded) out << "  seeded " << table << '\n';
    for (const std::string& table : migration.seed->skipped) out << "  not seeded: " << table << '\n';
  }
  for (const apply::StatementTrace& step : trace.statements) write_statement(out, step);
  if (trace.failure) out << "  stopped: " << *trace.failure << '\n';
  write_timeline(out, trace);
  write_verdict(out, trace);
  for (const apply::UnflaggedLock& gap : migration.unflagged)
    out << "  " << location(gap.step->statement) << ": " << apply::kUnflaggedLockId << ": " << gap.message << '\n';
}

json lock_json(const std::string& relation, LockMode mode) {
  return {{"relation", relation},
          {"mode", to_string(mode)},
          {"blocks_reads", apply::blocks_reads(mode)},
          {"blocks_writes", apply::blocks_writes(mode)}};
}

json statement_json(const apply::StatementTrace& step) {
  json locks = json::array();
  for (const apply::HeldLock& lock : step.locks) {
    json entry = lock_json(lock.relation, lock.mode);
    entry["pre_existing"] = lock.pre_existing;
    entry["table"] = lock.is_table;
    locks.push_back(entry);
  }
  return {{"number", step.number},
          {"path", step.statement.path},
          {"line", step.statement.start.line},
          {"sql", step.statement.sql},
          {"outside_transaction", step.outside_transaction},
          {"duration_ms", milliseconds(step.duration)},
          {"error", step.error ? json(*step.error) : json(nullptr)},
          {"locks", locks},
          {"rewrites", step.changes.rewritten},
          {"schema_changes", step.changes.schema}};
}

json migration_json(const TracedMigration& migration) {
  const apply::MigrationTrace& trace = migration.trace;
  json statements = json::array(), timeline = json::array(), verdict = json::array(), findings = json::array();
  for (const apply::StatementTrace& step : trace.statements) statements.push_back(statement_json(step));
  for (const apply::LockSpan& span : apply::lock_spans(trace)) {
    json entry = lock_json(span.relation, span.mode);
    entry.update({{"from", span.from}, {"until", span.until}, {"until_commit", span.until_commit},
                  {"pre_existing", span.pre_existing}});
    timeline.push_back(entry);
  }
  for (const apply::TableBlocking& table : apply::blocked_tables(trace))
    verdict.push_back({{"table", table.table},
                       {"statements_blocking_reads", table.statements_blocking_reads},
                       {"statements_blocking_writes", table.statements_blocking_writes},
                       {"reads_blocked_ms", milliseconds(table.reads_blocked)},
                       {"writes_blocked_ms", milliseconds(table.writes_blocked)}});
  for (const apply::UnflaggedLock& gap : migration.unflagged)
    findings.push_back({{"rule", apply::kUnflaggedLockId},
                        {"path", gap.step->statement.path},
                        {"line", gap.step->statement.start.line},
                        {"statement", gap.step->number},
                        {"relation", gap.relation},
                        {"lock", gap.mode == LockMode::None ? json(nullptr) : json(to_string(gap.mode))},
                        {"rewrite", gap.rewrite},
                        {"message", gap.message}});
  json document = {{"version", trace.version},         {"name", trace.name},
                   {"transactional", trace.transactional}, {"statements", statements},
                   {"timeline", timeline},             {"verdict", verdict},
                   {"findings", findings},             {"failure", trace.failure ? json(*trace.failure) : json(nullptr)}};
  if (migration.seed) document["seed"] = {{"seeded", migration.seed->seeded}, {"skipped", migration.seed->skipped}};
  return document;
}

}  // namespace

void write_trace_text(std::ostream& out, const std::vector<TracedMigration>& migrations) {
  std::size_t unflagged = 0;
  for (const TracedMigration& migration : migrations) {
    write_migration(out, migration);
    out << '\n';
    unflagged += migration.unflagged.size();
  }
  out << migrations.size() << " migration(s) traced, " << unflagged << " " << apply::kUnflaggedLockId << '\n';
}

void write_trace_json(std::ostream& out, const std::vector<TracedMigration>& migrations, int server_version_num) {
  json list = json::array();
  for (const TracedMigration& migration : migrations) list.push_back(migration_json(migration));
  out << json{{"server_version_num", server_version_num}, {"migrations", list}}.dump(2) << '\n';
}

}  // namespace miglint::cli
