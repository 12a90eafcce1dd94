#include "lock_checks.hpp"

#include <algorithm>

namespace miglint::db_test {

namespace {

std::string mode_words(LockMode mode) { return std::string(mode == LockMode::None ? "no lock" : to_string(mode)); }

std::string claim_words(const LockClaim& claim) {
  std::string_view effect = claim.effect == TableEffect::Rewrite ? "rewrite"
                            : claim.effect == TableEffect::Scan  ? "scan, no rewrite"
                                                                 : "no rewrite";
  return mode_words(claim.mode) + " on " + std::string(claim.table) + ", " + std::string(effect);
}

std::string server_words(const RelationEffect& table) {
  return mode_words(table.strongest) + (table.rewritten ? ", rewrote it" : ", no rewrite") +
         (table.scanned ? ", scanned it" : ", no scan");
}

const TableLock* engine_lock_for(const std::vector<TableLock>& engine, const std::string& name) {
  RelationName server_name{"public", name};
  auto found = std::find_if(engine.begin(), engine.end(), [&](const TableLock& lock) { return lock.table.matches(server_name); });
  return found == engine.end() ? nullptr : &*found;
}

}  // namespace

std::optional<std::string> claim_mismatch(const LockClaim& claim, const RelationEffect& table) {
  bool holds = table.strongest == claim.mode && table.rewritten == (claim.effect == TableEffect::Rewrite) &&
               (claim.effect != TableEffect::Scan || table.scanned);
  if (holds) return std::nullopt;
  return "claims " + claim_words(claim) + "; the server took " + server_words(table);
}

std::vector<std::string> lock_table_disagreements(const std::vector<TableLock>& engine, const Observation& server) {
  std::vector<std::string> disagreements;
  auto compare = [&](const std::string& name, LockMode engine_mode, LockMode server_mode) {
    if (engine_mode != server_mode)
      disagreements.push_back(name + ": engine " + mode_words(engine_mode) + ", server " + mode_words(server_mode));
  };
  for (const RelationEffect& relation : server.relations) {
    if (!relation.is_table() || relation.strongest <= LockMode::AccessShare) continue;
    const TableLock* named = engine_lock_for(engine, relation.name);
    compare(relation.name, named ? named->mode : LockMode::None, relation.strongest);
  }
  for (const TableLock& lock : engine) {
    bool in_public = lock.table.schema.empty() || lock.table.schema == "public";
    const RelationEffect* relation = in_public ? server.find_name(lock.table.name) : nullptr;
    bool compared_above = relation && relation->is_table() && relation->strongest > LockMode::AccessShare;
    if (!compared_above) compare(lock.table.display(), lock.mode, relation ? relation->strongest : LockMode::None);
  }
  return disagreements;
}

}  // namespace miglint::db_test
