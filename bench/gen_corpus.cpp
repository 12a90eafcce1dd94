// miglint-gen-corpus: writes a deterministic corpus of synthetic PostgreSQL
// migrations for bench/run.
//
//   miglint-gen-corpus OUTDIR [--size-mb N]
//
// The corpus is a golang-migrate directory: NNNNNN_<name>.up.sql and
// NNNNNN_<name>.down.sql pairs, about N MiB (default 20) in total. It mixes
// the statements real migration histories are made of: wide CREATE TABLEs,
// ALTER TABLE ADD COLUMN / constraints, CREATE INDEX (some CONCURRENTLY),
// batched UPDATE backfills, DO blocks in PL/pgSQL, INSERT seed data,
// functions and triggers, views, comments. Every statement is valid for the
// PostgreSQL 15 grammar.
//
// Output depends only on kGeneratorVersion, the seed and the size, never on
// the platform: the random numbers come from a fixed splitmix64 sequence,
// not from <random>'s implementation-defined distributions. OUTDIR holds a
// stamp file; when it matches, nothing is regenerated.

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <string_view>
#include <system_error>
#include <vector>

namespace fs = std::filesystem;

namespace {

constexpr int kGeneratorVersion = 1;
constexpr std::uint64_t kSeed = 0x6d69676c696e7421ULL;
constexpr const char* kStampName = ".miglint-gen-corpus";

// ---------------------------------------------------------------------------
// Deterministic randomness

class Rng {
public:
    explicit Rng(std::uint64_t seed) : state_(seed) {}

    std::uint64_t next() {
        std::uint64_t z = (state_ += 0x9e3779b97f4a7c15ULL);
        z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
        z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
        return z ^ (z >> 31);
    }

    // Uniform-enough integer in [lo, hi].
    long range(long lo, long hi) {
        const auto span = static_cast<std::uint64_t>(hi - lo) + 1;
        return lo + static_cast<long>(next() % span);
    }

    bool chance(int percent) { return range(0, 99) < percent; }

    template <typename T>
    const T& pick(const std::vector<T>& v) {
        return v[static_cast<std::size_t>(range(0, static_cast<long>(v.size()) - 1))];
    }

private:
    std::uint64_t state_;
};

// ---------------------------------------------------------------------------
// Vocabulary

const std::vector<std::string> kDomains = {
    "billing", "auth",    "catalog", "shipping", "analytics", "support", "inventory",
    "crm",     "payroll", "content", "search",   "audit",     "ledger",  "notify",
};

const std::vector<std::string> kEntities = {
    "accounts",  "users",      "orders",       "invoices",  "payments",    "events",
    "sessions",  "tokens",     "products",     "customers", "addresses",   "shipments",
    "refunds",   "tickets",    "comments",     "attachments", "subscriptions", "plans",
    "coupons",   "webhooks",   "api_keys",     "teams",     "memberships", "projects",
    "documents", "audit_logs", "notifications", "schedules", "jobs",       "reports",
};

const std::vector<std::string> kColumnWords = {
    "name",        "title",       "description", "status",      "email",        "phone",
    "country",     "city",        "postal_code", "currency",    "amount",       "quantity",
    "price",       "discount",    "tax_rate",    "external_id", "reference",    "source",
    "channel",     "priority",    "score",       "rank",        "locale",       "timezone",
    "metadata",    "settings",    "payload",     "notes",       "slug",         "checksum",
    "version",     "attempts",    "expires_at",  "started_at",  "finished_at",  "archived_at",
    "verified_at", "last_seen_at", "is_active",  "is_primary",  "is_deleted",   "kind",
    "category",    "label",       "color",       "weight",      "height",       "width",
    "ip_address",  "user_agent",  "region",      "plan_code",   "billing_cycle", "seats",
};

const std::vector<std::string> kTypes = {
    "text",          "varchar(255)", "varchar(64)",  "integer",   "bigint",      "smallint",
    "numeric(12,2)", "numeric(5,4)", "boolean",      "timestamptz", "timestamp",  "date",
    "jsonb",         "uuid",         "text[]",       "inet",      "double precision", "bytea",
};

const std::vector<std::string> kStatusValues = {
    "pending", "active", "suspended", "cancelled", "failed", "completed", "archived", "draft",
};

const std::vector<std::string> kCountries = {
    "DE", "FR", "US", "GB", "NL", "SE", "NO", "PL", "ES", "IT", "JP", "BR", "CA", "AU", "IN",
};

const std::vector<std::string> kWords = {
    "alpha",  "bravo", "charlie", "delta",  "echo",   "foxtrot", "golf",   "hotel",
    "india",  "juliet", "kilo",   "lima",   "mike",   "november", "oscar", "papa",
    "quebec", "romeo", "sierra",  "tango",  "uniform", "victor", "whiskey", "yankee",
};

// ---------------------------------------------------------------------------
// A small model of the schema, so later migrations refer to earlier tables.

struct Column {
    std::string name;
    std::string type;
    bool required = false;  // NOT NULL without a default: every INSERT must set it
    bool fixed = false;     // id, timestamps, foreign keys: never renamed or rewritten
    bool unique = false;
    bool not_null = false;
};

struct Table {
    std::string name;
    std::vector<Column> columns;
    int index_count = 0;
    int constraint_count = 0;
    bool has_view = false;  // column types can no longer be changed freely
};

struct Migration {
    std::string name;
    std::string up;
    std::string down;
};

std::string default_for(const std::string& type, Rng& rng) {
    if (type == "boolean") return rng.chance(50) ? "false" : "true";
    if (type == "integer" || type == "bigint" || type == "smallint") return std::to_string(rng.range(0, 10));
    if (type.rfind("numeric", 0) == 0 || type == "double precision") return "0";
    if (type == "timestamptz" || type == "timestamp") return "now()";
    if (type == "date") return "CURRENT_DATE";
    if (type == "jsonb") return "'{}'::jsonb";
    if (type == "uuid") return "gen_random_uuid()";
    if (type == "text[]") return "'{}'::text[]";
    if (type == "inet" || type == "bytea") return "";
    return "'" + rng.pick(kStatusValues) + "'";
}

std::string literal_for(const std::string& type, Rng& rng) {
    if (type == "boolean") return rng.chance(50) ? "false" : "true";
    if (type == "integer" || type == "smallint") return std::to_string(rng.range(0, 30000));
    if (type == "bigint") return std::to_string(rng.range(0, 9000000000L));
    if (type.rfind("numeric(12", 0) == 0) {
        return std::to_string(rng.range(0, 99999)) + "." + std::to_string(rng.range(10, 99));
    }
    if (type.rfind("numeric(5", 0) == 0) return "0." + std::to_string(rng.range(1000, 9999));
    if (type == "double precision") return std::to_string(rng.range(0, 1000)) + ".5";
    if (type == "timestamptz" || type == "timestamp") {
        return "'2023-" + std::to_string(rng.range(10, 12)) + "-" + std::to_string(rng.range(10, 28)) +
               " 12:" + std::to_string(rng.range(10, 59)) + ":00'";
    }
    if (type == "date") return "'2024-0" + std::to_string(rng.range(1, 9)) + "-1" + std::to_string(rng.range(0, 9)) + "'";
    if (type == "jsonb") return "'{\"" + rng.pick(kWords) + "\": " + std::to_string(rng.range(0, 99)) + "}'";
    if (type == "uuid") {
        char buf[40];
        std::snprintf(buf, sizeof buf, "'%08llx-%04llx-4%03llx-8%03llx-%012llx'",
                      static_cast<unsigned long long>(rng.next() & 0xffffffffULL),
                      static_cast<unsigned long long>(rng.next() & 0xffffULL),
                      static_cast<unsigned long long>(rng.next() & 0xfffULL),
                      static_cast<unsigned long long>(rng.next() & 0xfffULL),
                      static_cast<unsigned long long>(rng.next() & 0xffffffffffffULL));
        return buf;
    }
    if (type == "text[]") return "ARRAY['" + rng.pick(kWords) + "', '" + rng.pick(kWords) + "']";
    if (type == "inet") return "'10." + std::to_string(rng.range(0, 255)) + ".0.1'";
    if (type == "bytea") return "'\\x" + std::to_string(rng.range(1000, 9999)) + "'";
    return "'" + rng.pick(kWords) + " " + rng.pick(kWords) + "'";
}

bool ends_with(const std::string& s, std::string_view suffix) {
    return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

// Most columns get the type their name suggests; a few get something else,
// as in real schemas.
std::string type_for(const std::string& name, Rng& rng) {
    if (rng.chance(15)) return rng.pick(kTypes);
    if (ends_with(name, "_at")) return "timestamptz";
    if (name.rfind("is_", 0) == 0) return "boolean";
    if (name == "metadata" || name == "settings" || name == "payload") return "jsonb";
    if (name == "amount" || name == "price" || name == "discount") return "numeric(12,2)";
    if (name == "tax_rate" || name == "score") return "numeric(5,4)";
    if (name == "quantity" || name == "attempts" || name == "priority" || name == "rank" || name == "seats" ||
        name == "version") {
        return "integer";
    }
    if (name == "weight" || name == "height" || name == "width") return "double precision";
    if (name == "ip_address") return "inet";
    if (name == "external_id") return "uuid";
    if (name == "checksum") return "bytea";
    if (name == "email" || name == "slug" || name == "reference") return "varchar(255)";
    if (name == "country" || name == "currency" || name == "locale" || name == "postal_code") return "varchar(64)";
    return "text";
}

bool is_text_like(const std::string& type) {
    return type == "text" || type.rfind("varchar", 0) == 0;
}

class Generator {
public:
    explicit Generator(std::uint64_t seed) : rng_(seed) {}

    Migration next() {
        // Before there is a schema to change, create one.
        if (tables_.size() < 8) return create_table();
        const long roll = rng_.range(0, 99);
        if (roll < 22) return create_table();
        if (roll < 42) return add_columns();
        if (roll < 52) return constraints();
        if (roll < 66) return indexes();
        if (roll < 75) return backfill();
        if (roll < 82) return do_blocks();
        if (roll < 88) return seed_data();
        if (roll < 94) return functions_and_triggers();
        if (roll < 97) return view();
        return rename_and_cleanup();
    }

private:
    Rng rng_;
    std::vector<Table> tables_;
    int enum_count_ = 0;
    int view_count_ = 0;

    // A random ordinary column: not the key, a timestamp or a foreign key.
    Column& plain_column(Table& t, bool allow_unique) {
        for (;;) {
            Column& c = t.columns[static_cast<std::size_t>(rng_.range(0, static_cast<long>(t.columns.size()) - 1))];
            if (!c.fixed && (allow_unique || !c.unique)) return c;
        }
    }

    Table& any_table() { return tables_[static_cast<std::size_t>(rng_.range(0, static_cast<long>(tables_.size()) - 1))]; }

    std::string fresh_table_name() {
        for (int attempt = 0;; ++attempt) {
            std::string name = rng_.pick(kDomains) + "_" + rng_.pick(kEntities);
            if (attempt > 4) name.append("_").append(std::to_string(tables_.size()));
            bool taken = false;
            for (const auto& t : tables_) taken = taken || t.name == name;
            if (!taken) return name;
        }
    }

    std::string fresh_column_name(const Table& t) {
        for (int attempt = 0;; ++attempt) {
            std::string name = rng_.pick(kColumnWords);
            if (attempt > 2) name += "_" + std::to_string(t.columns.size());
            bool taken = false;
            for (const auto& c : t.columns) taken = taken || c.name == name;
            if (!taken) return name;
        }
    }

    static std::string header(std::string_view what) {
        return "-- " + std::string(what) + "\n";
    }

    // -- CREATE TABLE ------------------------------------------------------
    Migration create_table() {
        Table t;
        t.name = fresh_table_name();
        const bool uuid_pk = rng_.chance(35);
        t.columns.push_back({"id", uuid_pk ? "uuid" : "bigint", false, true});

        std::string up = header("Create " + t.name);
        if (rng_.chance(30)) up += "-- Owner: " + rng_.pick(kDomains) + " team. Keep in sync with the API models.\n";
        up += rng_.chance(40) ? "CREATE TABLE IF NOT EXISTS " : "CREATE TABLE ";
        up += t.name + " (\n";
        up += uuid_pk ? "    id uuid PRIMARY KEY DEFAULT gen_random_uuid()" : "    id bigserial PRIMARY KEY";

        std::vector<std::string> fk_columns;
        if (!tables_.empty()) {
            const int fks = static_cast<int>(rng_.range(0, 2));
            for (int i = 0; i < fks; ++i) {
                const Table& parent = any_table();
                std::string col = parent.name.substr(parent.name.find('_') + 1);
                if (col.back() == 's') col.pop_back();
                col += "_id";
                bool dup = false;
                for (const auto& c : t.columns) dup = dup || c.name == col;
                if (dup) continue;
                const std::string type = parent.columns.front().type;
                const bool not_null = rng_.chance(60);
                t.columns.push_back({col, type, not_null, true});
                fk_columns.push_back(col);
                up += ",\n    " + col + " " + type + (not_null ? " NOT NULL" : "") + " REFERENCES " +
                      parent.name + " (id)" + (rng_.chance(50) ? " ON DELETE CASCADE" : "");
            }
        }

        const int ncols = static_cast<int>(rng_.range(4, 38));
        for (int i = 0; i < ncols; ++i) {
            std::string name = fresh_column_name(t);
            Column c{name, type_for(name, rng_)};
            up += ",\n    " + c.name + " " + c.type;
            const bool not_null = rng_.chance(35);
            if (not_null) up += " NOT NULL";
            bool has_default = false;
            if (rng_.chance(30)) {
                const std::string d = default_for(c.type, rng_);
                if (!d.empty()) up += " DEFAULT " + d;
                has_default = !d.empty();
            }
            c.required = not_null && !has_default;
            c.not_null = not_null;
            if (rng_.chance(4) && is_text_like(c.type)) {
                up += " UNIQUE";
                c.unique = true;
            }
            t.columns.push_back(c);
        }
        up += ",\n    created_at timestamptz NOT NULL DEFAULT now()";
        up += ",\n    updated_at timestamptz NOT NULL DEFAULT now()";
        t.columns.push_back({"created_at", "timestamptz", false, true});
        t.columns.push_back({"updated_at", "timestamptz", false, true});
        if (rng_.chance(30)) {
            const Column& c = plain_column(t, true);
            if (c.type == "integer" || c.type == "bigint" || c.type.rfind("numeric", 0) == 0) {
                up += ",\n    CONSTRAINT " + t.name + "_" + c.name + "_check CHECK (" + c.name + " >= 0)";
            }
        }
        up += "\n);\n\n";

        if (rng_.chance(50)) {
            up += "COMMENT ON TABLE " + t.name + " IS 'One row per " + rng_.pick(kWords) + " " +
                  rng_.pick(kWords) + "; see docs/" + t.name + ".md';\n";
            const int ncomments = static_cast<int>(rng_.range(0, 4));
            for (int i = 0; i < ncomments; ++i) {
                const Column& c = t.columns[static_cast<std::size_t>(rng_.range(0, static_cast<long>(t.columns.size()) - 1))];
                up += "COMMENT ON COLUMN " + t.name + "." + c.name + " IS 'The " + rng_.pick(kWords) + "''s " +
                      c.name + "';\n";
            }
            up += "\n";
        }
        for (const auto& col : fk_columns) {
            up += "CREATE INDEX " + t.name + "_" + col + "_idx ON " + t.name + " (" + col + ");\n";
            ++t.index_count;
        }
        if (rng_.chance(40)) {
            up += "CREATE INDEX " + t.name + "_created_at_idx ON " + t.name + " (created_at DESC);\n";
            ++t.index_count;
        }

        std::string down = "DROP TABLE IF EXISTS " + t.name + (rng_.chance(30) ? " CASCADE" : "") + ";\n";
        Migration m{"create_" + t.name, up, down};
        tables_.push_back(std::move(t));
        return m;
    }

    // -- ALTER TABLE ... ADD COLUMN ------------------------------------------
    Migration add_columns() {
        Table& t = any_table();
        const int n = static_cast<int>(rng_.range(1, 6));
        std::string up = header("Add columns to " + t.name);
        std::string down;
        std::vector<Column> added;
        for (int i = 0; i < n; ++i) {
            std::string name = fresh_column_name(t);
            Column c{name, type_for(name, rng_)};
            t.columns.push_back(c);
            added.push_back(c);
        }
        const bool single = rng_.chance(40);
        if (single) up += "ALTER TABLE " + t.name;
        for (std::size_t i = 0; i < added.size(); ++i) {
            const Column& c = added[i];
            std::string clause = "ADD COLUMN " + std::string(rng_.chance(30) ? "IF NOT EXISTS " : "") + c.name + " " + c.type;
            const std::string d = default_for(c.type, rng_);
            if (!d.empty() && rng_.chance(45)) {
                clause += " DEFAULT " + d;
                if (rng_.chance(50)) {
                    clause += " NOT NULL";
                    t.columns[t.columns.size() - added.size() + i].not_null = true;
                }
            }
            if (single) {
                up += (i == 0 ? "\n    " : ",\n    ") + clause;
            } else {
                up += "ALTER TABLE " + t.name + " " + clause + ";\n";
            }
        }
        if (single) up += ";\n";
        for (auto it = added.rbegin(); it != added.rend(); ++it) {
            down += "ALTER TABLE " + t.name + " DROP COLUMN IF EXISTS " + it->name + ";\n";
        }
        return {"add_" + added.front().name + "_to_" + t.name, up, down};
    }

    // -- constraints -----------------------------------------------------
    Migration constraints() {
        Table& t = any_table();
        std::string up = header("Tighten constraints on " + t.name);
        std::string down;
        Column& c = plain_column(t, false);
        const std::string cname = t.name + "_" + c.name + "_c" + std::to_string(++t.constraint_count);
        const long kind = rng_.range(0, 4);
        if (kind == 0 && tables_.size() > 1) {
            const Table& parent = any_table();
            const std::string col = "ref_" + std::to_string(t.constraint_count) + "_id";
            up += "ALTER TABLE " + t.name + " ADD COLUMN " + col + " " + parent.columns.front().type + ";\n";
            up += "ALTER TABLE " + t.name + " ADD CONSTRAINT " + cname + "_fkey FOREIGN KEY (" + col +
                  ") REFERENCES " + parent.name + " (id) NOT VALID;\n";
            up += "ALTER TABLE " + t.name + " VALIDATE CONSTRAINT " + cname + "_fkey;\n";
            down += "ALTER TABLE " + t.name + " DROP CONSTRAINT IF EXISTS " + cname + "_fkey;\n";
            down += "ALTER TABLE " + t.name + " DROP COLUMN IF EXISTS " + col + ";\n";
            t.columns.push_back({col, parent.columns.front().type, false, true});
        } else if (kind == 1) {
            up += "UPDATE " + t.name + " SET " + c.name + " = " + literal_for(c.type, rng_) + " WHERE " + c.name +
                  " IS NULL;\n";
            up += "ALTER TABLE " + t.name + " ADD CONSTRAINT " + cname + " CHECK (" + c.name + " IS NOT NULL) NOT VALID;\n";
            up += "ALTER TABLE " + t.name + " VALIDATE CONSTRAINT " + cname + ";\n";
            up += "ALTER TABLE " + t.name + " ALTER COLUMN " + c.name + " SET NOT NULL;\n";
            up += "ALTER TABLE " + t.name + " DROP CONSTRAINT " + cname + ";\n";
            down += "ALTER TABLE " + t.name + " ALTER COLUMN " + c.name + " DROP NOT NULL;\n";
            c.required = true;
            c.not_null = true;
        } else if (kind == 2) {
            up += "UPDATE " + t.name + " SET " + c.name + " = " + literal_for(c.type, rng_) + " WHERE " + c.name +
                  " IS NULL;\n";
            up += "ALTER TABLE " + t.name + " ALTER COLUMN " + c.name + " SET NOT NULL;\n";
            down += "ALTER TABLE " + t.name + " ALTER COLUMN " + c.name + " DROP NOT NULL;\n";
            c.required = true;
            c.not_null = true;
        } else if (kind == 3) {
            up += "-- Remove duplicates first, keeping the oldest row.\n";
            up += "DELETE FROM " + t.name + " a USING " + t.name + " b WHERE a." + c.name + " = b." + c.name +
                  " AND a.id > b.id;\n";
            up += "ALTER TABLE " + t.name + " ADD CONSTRAINT " + cname + "_key UNIQUE (" + c.name + ");\n";
            c.unique = true;
            down += "ALTER TABLE " + t.name + " DROP CONSTRAINT IF EXISTS " + cname + "_key;\n";
        } else {
            std::string d = default_for(c.type, rng_);
            if (d.empty()) d = literal_for(c.type, rng_);
            up += "ALTER TABLE " + t.name + " ALTER COLUMN " + c.name + " SET DEFAULT " + d + ";\n";
            if (is_text_like(c.type) && !t.has_view) {
                up += "ALTER TABLE " + t.name + " ALTER COLUMN " + c.name + " TYPE text;\n";
                c.type = "text";
            }
            down += "ALTER TABLE " + t.name + " ALTER COLUMN " + c.name + " DROP DEFAULT;\n";
            c.required = false;
        }
        return {"constrain_" + t.name + "_" + c.name, up, down};
    }

    // -- CREATE INDEX ------------------------------------------------------
    Migration indexes() {
        Table& t = any_table();
        const bool concurrently = rng_.chance(45);
        std::string up;
        std::string down;
        if (concurrently) up += "-- CONCURRENTLY cannot run inside a transaction block.\n";
        const int n = static_cast<int>(rng_.range(1, 3));
        std::string first;
        for (int i = 0; i < n; ++i) {
            Column& c = t.columns[static_cast<std::size_t>(rng_.range(1, static_cast<long>(t.columns.size()) - 1))];
            const bool gin = c.type == "jsonb" || c.type == "text[]";
            const bool unique = !gin && !c.fixed && rng_.chance(15);
            const std::string idx = t.name + "_" + c.name + "_idx" + std::to_string(++t.index_count);
            if (first.empty()) first = c.name;
            if (unique && !c.unique) {
                up += "DELETE FROM " + t.name + " a USING " + t.name + " b WHERE a." + c.name + " = b." + c.name +
                      " AND a.id > b.id;\n";
                c.unique = true;
            }
            up += "CREATE ";
            up += unique ? "UNIQUE INDEX " : "INDEX ";
            up += concurrently ? "CONCURRENTLY " : "";
            up += rng_.chance(35) ? "IF NOT EXISTS " : "";
            up += idx + " ON " + t.name;
            up += gin ? " USING gin (" + c.name + ")" : " (" + c.name;
            if (!gin) {
                if (rng_.chance(30)) up += ", created_at";
                up += ")";
            }
            if (rng_.chance(25)) up += " WHERE " + c.name + " IS NOT NULL";
            up += ";\n";
            down = "DROP INDEX " + std::string(concurrently ? "CONCURRENTLY " : "") + "IF EXISTS " + idx + ";\n" + down;
        }
        return {"index_" + t.name + "_on_" + first, up, down};
    }

    // -- batched UPDATE backfill -------------------------------------------
    Migration backfill() {
        Table& t = any_table();
        const Column& c = plain_column(t, false);
        std::string up = header("Backfill " + t.name + "." + c.name + " in batches of 10000 rows");
        up += "-- Each batch is its own statement to keep row locks short.\n";
        up += "SET statement_timeout = '5min';\n";
        const int batches = static_cast<int>(rng_.range(5, 60));
        const std::string value = literal_for(c.type, rng_);
        for (int i = 0; i < batches; ++i) {
            const long lo = static_cast<long>(i) * 10000;
            if (t.columns.front().type == "uuid") {
                up += "UPDATE " + t.name + " SET " + c.name + " = " + value + ", updated_at = now() WHERE " + c.name +
                      " IS NULL AND created_at >= '2024-01-01'::date + " + std::to_string(i) +
                      " AND created_at < '2024-01-01'::date + " + std::to_string(i + 1) + ";\n";
            } else {
                up += "UPDATE " + t.name + " SET " + c.name + " = " + value + ", updated_at = now() WHERE id >= " +
                      std::to_string(lo) + " AND id < " + std::to_string(lo + 10000) + " AND " + c.name + " IS NULL;\n";
            }
        }
        up += "RESET statement_timeout;\n";
        std::string down = (c.not_null || rng_.chance(50)) ? "-- Data migration: nothing to undo.\n"
                                           : "UPDATE " + t.name + " SET " + c.name + " = NULL;\n";
        return {"backfill_" + t.name + "_" + c.name, up, down};
    }

    // -- DO blocks -----------------------------------------------------------
    Migration do_blocks() {
        Table& t = any_table();
        const std::string type_name = t.name + "_state_" + std::to_string(++enum_count_);
        std::string up = header("Idempotent type and grants for " + t.name);
        up += "DO $$\nBEGIN\n";
        up += "    IF NOT EXISTS (SELECT 1 FROM pg_type WHERE typname = '" + type_name + "') THEN\n";
        up += "        CREATE TYPE " + type_name + " AS ENUM (";
        const int nvals = static_cast<int>(rng_.range(2, 6));
        for (int i = 0; i < nvals; ++i) up += (i ? ", '" : "'") + kStatusValues[static_cast<std::size_t>(i)] + "'";
        up += ");\n    END IF;\nEND\n$$;\n\n";

        up += "DO $migrate$\nDECLARE\n    r record;\n    n integer := 0;\nBEGIN\n";
        up += "    FOR r IN SELECT id FROM " + t.name + " WHERE updated_at < now() - interval '" +
              std::to_string(rng_.range(1, 90)) + " days' LOOP\n";
        up += "        UPDATE " + t.name + " SET updated_at = now() WHERE id = r.id;\n";
        up += "        n := n + 1;\n";
        up += "        IF n % 1000 = 0 THEN\n            RAISE NOTICE 'touched % rows', n;\n        END IF;\n";
        up += "    END LOOP;\n";
        if (rng_.chance(50)) {
            up += "    IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'readonly') THEN\n";
            up += "        EXECUTE format('GRANT SELECT ON %I TO readonly', '" + t.name + "');\n";
            up += "    END IF;\n";
        }
        up += "EXCEPTION\n    WHEN undefined_table THEN\n        RAISE NOTICE 'table missing, skipping';\nEND\n$migrate$;\n";
        std::string down = "DROP TYPE IF EXISTS " + type_name + ";\n";
        return {"do_" + type_name, up, down};
    }

    // -- INSERT seed data ----------------------------------------------------
    Migration seed_data() {
        // Seed a table whose required columns can all be given literal values
        // (a NOT NULL foreign key would need a parent row).
        Table* target = nullptr;
        for (int attempt = 0; attempt < 10 && target == nullptr; ++attempt) {
            Table& candidate = any_table();
            bool ok = true;
            for (const auto& c : candidate.columns) ok = ok && !(c.fixed && c.required);
            if (ok) target = &candidate;
        }
        if (target == nullptr) return create_table();
        Table& t = *target;
        std::vector<const Column*> cols;
        for (const auto& c : t.columns) {
            if (c.fixed) continue;
            if (c.required || (cols.size() < 6 && rng_.chance(60))) cols.push_back(&c);
        }
        if (cols.empty()) cols.push_back(&plain_column(t, true));
        std::string up = header("Seed " + t.name);
        const int rows = static_cast<int>(rng_.chance(20) ? rng_.range(200, 1500) : rng_.range(5, 120));
        up += "INSERT INTO " + t.name + " (";
        for (std::size_t i = 0; i < cols.size(); ++i) up += (i ? ", " : "") + cols[i]->name;
        up += ") VALUES\n";
        for (int r = 0; r < rows; ++r) {
            up += "    (";
            for (std::size_t i = 0; i < cols.size(); ++i) up += (i ? ", " : "") + literal_for(cols[i]->type, rng_);
            up += r + 1 < rows ? "),\n" : ")\n";
        }
        up += "ON CONFLICT DO NOTHING;\n";
        std::string down = "DELETE FROM " + t.name + " WHERE created_at >= '2024-01-01' AND " + cols.front()->name +
                           " IS NOT NULL;\n";
        return {"seed_" + t.name, up, down};
    }

    // -- functions and triggers ---------------------------------------------
    Migration functions_and_triggers() {
        Table& t = any_table();
        const std::string fn = t.name + "_touch";
        std::string up = header("Keep " + t.name + ".updated_at current");
        up += "CREATE OR REPLACE FUNCTION " + fn + "() RETURNS trigger\n    LANGUAGE plpgsql\nAS $$\nBEGIN\n";
        up += "    NEW.updated_at := now();\n";
        up += "    IF TG_OP = 'UPDATE' AND NEW IS NOT DISTINCT FROM OLD THEN\n        RETURN NULL;\n    END IF;\n";
        up += "    RETURN NEW;\nEND;\n$$;\n\n";
        up += "DROP TRIGGER IF EXISTS " + fn + "_trg ON " + t.name + ";\n";
        up += "CREATE TRIGGER " + fn + "_trg BEFORE UPDATE ON " + t.name +
              "\n    FOR EACH ROW EXECUTE FUNCTION " + fn + "();\n\n";
        const std::string counter = t.name + "_count_since";
        up += "CREATE OR REPLACE FUNCTION " + counter + "(since timestamptz)\n    RETURNS bigint\n    LANGUAGE sql STABLE\n";
        up += "AS $fn$\n    SELECT count(*) FROM " + t.name + " WHERE created_at >= since\n$fn$;\n";
        std::string down = "DROP FUNCTION IF EXISTS " + counter + "(timestamptz);\n";
        down += "DROP TRIGGER IF EXISTS " + fn + "_trg ON " + t.name + ";\n";
        down += "DROP FUNCTION IF EXISTS " + fn + "();\n";
        return {"add_touch_trigger_to_" + t.name, up, down};
    }

    // -- views ---------------------------------------------------------------
    Migration view() {
        Table& t = any_table();
        const std::string v = t.name + "_recent_v" + std::to_string(++view_count_);
        t.has_view = true;
        std::string up = "CREATE OR REPLACE VIEW " + v + " AS\n    SELECT id";
        const int n = static_cast<int>(rng_.range(1, 5));
        for (int i = 0; i < n && i + 1 < static_cast<int>(t.columns.size()); ++i) {
            up += ", " + t.columns[static_cast<std::size_t>(i + 1)].name;
        }
        up += "\n    FROM " + t.name + "\n    WHERE created_at > now() - interval '30 days'\n    ORDER BY created_at DESC;\n";
        std::string down = "DROP VIEW IF EXISTS " + v + ";\n";
        return {"create_view_" + v, up, down};
    }

    // -- renames and cleanups -------------------------------------------------
    Migration rename_and_cleanup() {
        Table& t = any_table();
        Column& c = plain_column(t, true);
        const std::string old_name = c.name;
        const std::string new_name = old_name + "_v" + std::to_string(t.columns.size());
        std::string up = "BEGIN;\nSET LOCAL lock_timeout = '3s';\n";
        up += "ALTER TABLE " + t.name + " RENAME COLUMN " + old_name + " TO " + new_name + ";\n";
        up += "ANALYZE " + t.name + ";\nCOMMIT;\n";
        std::string down = "ALTER TABLE " + t.name + " RENAME COLUMN " + new_name + " TO " + old_name + ";\n";
        c.name = new_name;
        return {"rename_" + t.name + "_" + old_name, up, down};
    }
};

std::string stamp_text(long size_mb) {
    std::ostringstream s;
    s << "miglint-gen-corpus version " << kGeneratorVersion << " seed " << kSeed << " size-mb " << size_mb << '\n';
    return s.str();
}

bool read_whole(const fs::path& p, std::string& out) {
    std::ifstream in(p, std::ios::binary);
    if (!in) return false;
    std::ostringstream s;
    s << in.rdbuf();
    out = s.str();
    return true;
}

bool write_whole(const fs::path& p, const std::string& text) {
    std::ofstream out(p, std::ios::binary | std::ios::trunc);
    out << text;
    out.close();
    return static_cast<bool>(out);
}

int usage() {
    std::cerr << "usage: miglint-gen-corpus OUTDIR [--size-mb N]\n";
    return 2;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc < 2) return usage();
    fs::path outdir;
    long size_mb = 20;
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        if (arg == "--size-mb" && i + 1 < argc) {
            size_mb = std::strtol(argv[++i], nullptr, 10);
            if (size_mb <= 0) return usage();
        } else if (!arg.empty() && arg[0] == '-') {
            return usage();
        } else if (outdir.empty()) {
            outdir = arg;
        } else {
            return usage();
        }
    }
    if (outdir.empty()) return usage();

    const std::string stamp = stamp_text(size_mb);
    std::error_code ec;
    if (fs::exists(outdir, ec)) {
        std::string existing;
        if (read_whole(outdir / kStampName, existing) && existing == stamp) {
            std::cout << "corpus up to date: " << outdir.string() << '\n';
            return 0;
        }
        // Only ever delete a directory this program made (or an empty one).
        if (!fs::exists(outdir / kStampName) && !fs::is_empty(outdir, ec)) {
            std::cerr << "miglint-gen-corpus: " << outdir.string()
                      << " exists and was not made by miglint-gen-corpus; refusing to overwrite it\n";
            return 2;
        }
        fs::remove_all(outdir, ec);
        if (ec) {
            std::cerr << "miglint-gen-corpus: cannot remove " << outdir.string() << ": " << ec.message() << '\n';
            return 2;
        }
    }

    // Write into a sibling directory and rename it into place when complete,
    // so an interrupted run never leaves a half corpus that looks finished.
    fs::path tmp = outdir;
    tmp += ".tmp";
    fs::remove_all(tmp, ec);
    fs::create_directories(tmp, ec);
    if (ec) {
        std::cerr << "miglint-gen-corpus: cannot create " << tmp.string() << ": " << ec.message() << '\n';
        return 2;
    }

    const std::uint64_t target = static_cast<std::uint64_t>(size_mb) * 1024 * 1024;
    std::uint64_t written = 0;
    std::size_t count = 0;
    Generator gen(kSeed);
    while (written < target) {
        Migration m = gen.next();
        ++count;
        char prefix[16];
        std::snprintf(prefix, sizeof prefix, "%06zu_", count);
        const std::string base = prefix + m.name;
        if (!write_whole(tmp / (base + ".up.sql"), m.up) || !write_whole(tmp / (base + ".down.sql"), m.down)) {
            std::cerr << "miglint-gen-corpus: cannot write " << (tmp / base).string() << '\n';
            return 2;
        }
        written += m.up.size() + m.down.size();
    }
    if (!write_whole(tmp / kStampName, stamp)) {
        std::cerr << "miglint-gen-corpus: cannot write stamp file\n";
        return 2;
    }
    fs::rename(tmp, outdir, ec);
    if (ec) {
        std::cerr << "miglint-gen-corpus: cannot move " << tmp.string() << " to " << outdir.string() << ": "
                  << ec.message() << '\n';
        return 2;
    }
    std::cout << "generated " << count << " migrations (" << count * 2 << " files, " << written
              << " bytes) in " << outdir.string() << '\n';
    return 0;
}
