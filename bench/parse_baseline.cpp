// miglint-parse-baseline: the "bare libpg_query parse" reference point for
// bench/run.
//
// For every *.sql file under the given paths (directories are walked
// recursively), it reads the file, splits it into statements with
// pg_query_split_with_scanner and parses each statement on its own with
// pg_query_parse, freeing every result. Nothing else: no rules, no output
// beyond a one-line count. Single-threaded on purpose, so its CPU time is the
// floor that miglint's parsing work is compared against.
//
// Exit status: 0 when every file could be read (parse errors are counted,
// not fatal), 2 on a usage or I/O error.

#include <pg_query.h>

#include <algorithm>
#include <cstddef>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <string>
#include <system_error>
#include <vector>

namespace fs = std::filesystem;

namespace {

struct Totals {
    std::size_t files = 0;
    std::size_t bytes = 0;
    std::size_t statements = 0;
    std::size_t failed = 0;  // statements (or whole files) that did not parse
};

bool has_sql_extension(const fs::path& p) { return p.extension() == ".sql"; }

// Collect the files named by `arg`; a directory contributes its *.sql files.
bool collect(const std::string& arg, std::vector<fs::path>& out) {
    std::error_code ec;
    const fs::path root(arg);
    const auto status = fs::status(root, ec);
    if (ec) {
        std::cerr << "miglint-parse-baseline: " << arg << ": " << ec.message() << '\n';
        return false;
    }
    if (fs::is_regular_file(status)) {
        out.push_back(root);
        return true;
    }
    if (!fs::is_directory(status)) {
        std::cerr << "miglint-parse-baseline: " << arg << ": not a file or directory\n";
        return false;
    }
    fs::recursive_directory_iterator it(root, fs::directory_options::follow_directory_symlink, ec);
    for (; !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
        if (it->is_regular_file(ec) && has_sql_extension(it->path())) {
            out.push_back(it->path());
        }
    }
    if (ec) {
        std::cerr << "miglint-parse-baseline: " << arg << ": " << ec.message() << '\n';
        return false;
    }
    return true;
}

bool read_file(const fs::path& path, std::string& text) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        return false;
    }
    text.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    return !in.bad();
}

void parse_text(const std::string& text, Totals& totals) {
    PgQuerySplitResult split = pg_query_split_with_scanner(text.c_str());
    if (split.error != nullptr) {
        // The scanner gave up on the file; stmts may be NULL here. Count the
        // whole file as one statement that failed.
        ++totals.statements;
        ++totals.failed;
        pg_query_free_split_result(split);
        return;
    }
    if (split.stmts == nullptr) {  // nothing but whitespace and comments
        pg_query_free_split_result(split);
        return;
    }

    std::string stmt;
    for (int i = 0; i < split.n_stmts; ++i) {
        const PgQuerySplitStmt* s = split.stmts[i];
        if (s == nullptr || s->stmt_location < 0 || s->stmt_len < 0) {
            continue;
        }
        const auto begin = static_cast<std::size_t>(s->stmt_location);
        if (begin > text.size()) {
            continue;
        }
        const auto len = std::min(static_cast<std::size_t>(s->stmt_len), text.size() - begin);
        stmt.assign(text, begin, len);  // std::string keeps it NUL-terminated

        PgQueryParseResult parsed = pg_query_parse(stmt.c_str());
        ++totals.statements;
        if (parsed.error != nullptr) {
            ++totals.failed;
        }
        pg_query_free_parse_result(parsed);
    }
    pg_query_free_split_result(split);
}

}  // namespace

int main(int argc, char** argv) {
    if (argc < 2) {
        std::cerr << "usage: miglint-parse-baseline PATH...\n"
                     "  Splits and parses every *.sql file under PATH with libpg_query.\n";
        return 2;
    }

    std::vector<fs::path> files;
    for (int i = 1; i < argc; ++i) {
        if (!collect(argv[i], files)) {
            return 2;
        }
    }
    std::sort(files.begin(), files.end());

    Totals totals;
    std::string text;
    for (const auto& path : files) {
        if (!read_file(path, text)) {
            std::cerr << "miglint-parse-baseline: cannot read " << path.string() << '\n';
            return 2;
        }
        ++totals.files;
        totals.bytes += text.size();
        parse_text(text, totals);
    }
    pg_query_exit();

    std::printf("parsed %zu statements (%zu failed) in %zu files, %zu bytes\n", totals.statements,
                totals.failed, totals.files, totals.bytes);
    return 0;
}
