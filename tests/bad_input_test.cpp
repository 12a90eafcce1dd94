// The bad-input matrix: each case runs the built miglint on input no
// migration should hold, and demands a clear answer (a finding naming the
// file and line, or exit code 2 and a message naming the file), no crash,
// no hang and bounded memory. docs/testing.md ("Bad input") explains the
// bounds and records what they were measured at.

#include "support.hpp"

#include <doctest/doctest.h>

#include <fcntl.h>
#include <grp.h>
#include <poll.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <regex>
#include <sstream>
#include <tuple>

namespace miglint::test {

using namespace std::string_literals;

namespace {

// Under AddressSanitizer the child runs many times slower and its shadow
// memory swells its RSS: give it longer, and do not judge its memory.
#if defined(__SANITIZE_ADDRESS__)
constexpr bool kSanitized = true;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
constexpr bool kSanitized = true;
#else
constexpr bool kSanitized = false;
#endif
#else
constexpr bool kSanitized = false;
#endif

constexpr int kTimeoutSeconds = kSanitized ? 900 : 60;
constexpr long kMiB = 1024 * 1024;
// What miglint takes to lint a small file, with room to spare (about 26 MB
// when measured).
constexpr long kBaseBytes = 64 * kMiB;

struct Child {
  int exit_code = -1;  // -1 unless it exited
  int signal = 0;      // the signal that ended it, if one did
  bool timed_out = false;
  long peak_rss = 0;  // bytes
  double seconds = 0;
  std::string out;  // standard output and standard error, interleaved
};

struct RunOptions {
  std::filesystem::path cwd;
  bool as_nobody = false;
  std::filesystem::path binary = kBinary;
};

constexpr uid_t kNobody = 65534;

// Runs the real binary with `arguments`, kills it after kTimeoutSeconds, and
// reads its peak RSS from wait4.
Child run_miglint(const std::vector<std::string>& arguments, const RunOptions& options = {}) {
  int pipe_fds[2];
  REQUIRE(::pipe(pipe_fds) == 0);
  auto started = std::chrono::steady_clock::now();
  pid_t pid = ::fork();
  REQUIRE(pid >= 0);
  if (pid == 0) {
    ::dup2(pipe_fds[1], STDOUT_FILENO);
    ::dup2(pipe_fds[1], STDERR_FILENO);
    ::close(pipe_fds[0]);
    ::close(pipe_fds[1]);
    int null = ::open("/dev/null", O_RDONLY);
    ::dup2(null, STDIN_FILENO);
    if (!options.cwd.empty() && ::chdir(options.cwd.c_str()) != 0) ::_exit(126);
    if (options.as_nobody && (::setgroups(0, nullptr) != 0 || ::setgid(kNobody) != 0 || ::setuid(kNobody) != 0))
      ::_exit(126);
    std::vector<std::string> owned{options.binary.string()};
    owned.insert(owned.end(), arguments.begin(), arguments.end());
    std::vector<char*> argv;
    for (std::string& argument : owned) argv.push_back(argument.data());
    argv.push_back(nullptr);
    ::execv(argv[0], argv.data());
    ::_exit(127);
  }
  ::close(pipe_fds[1]);
  Child child;
  auto deadline = started + std::chrono::seconds(kTimeoutSeconds);
  char buffer[65536];
  for (;;) {
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) {
      child.timed_out = true;
      ::kill(pid, SIGKILL);
      break;
    }
    pollfd readable{pipe_fds[0], POLLIN, 0};
    if (::poll(&readable, 1, static_cast<int>(std::min<long>(left.count(), 1000))) <= 0) continue;
    ssize_t n = ::read(pipe_fds[0], buffer, sizeof buffer);
    if (n <= 0) break;
    // Enough to read every message; a flood of output is not kept whole.
    if (child.out.size() < 64 * static_cast<std::size_t>(kMiB)) child.out.append(buffer, static_cast<std::size_t>(n));
  }
  ::close(pipe_fds[0]);
  int status = 0;
  rusage usage{};
  while (::wait4(pid, &status, 0, &usage) < 0 && errno == EINTR) {
  }
  child.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  child.peak_rss = usage.ru_maxrss * 1024;
  if (WIFEXITED(status)) child.exit_code = WEXITSTATUS(status);
  if (WIFSIGNALED(status)) child.signal = WTERMSIG(status);
  return child;
}

// The properties every case shares: it ended on its own, with `exit_code`,
// within `memory` bytes of peak RSS.
void check_ended(const Child& child, int exit_code, long memory = kBaseBytes) {
  CHECK_MESSAGE(!child.timed_out, "killed after " << kTimeoutSeconds << " s");
  CHECK_MESSAGE(child.signal == 0, "ended by signal " << child.signal);
  CHECK_MESSAGE(child.exit_code == exit_code, child.out.substr(0, 2000));
  if (!kSanitized) CHECK_MESSAGE(child.peak_rss <= memory, "peak RSS " << child.peak_rss / kMiB << " MiB");
}

bool has(const std::string& out, const std::string& text) { return out.find(text) != std::string::npos; }

// `miglint check --format gcc` on one path: `path:line:col: severity: [rule] message` lines.
Child check_gcc(const std::filesystem::path& path, const std::vector<std::string>& more = {}) {
  std::vector<std::string> arguments{"check", "--no-config", "--format", "gcc"};
  arguments.insert(arguments.end(), more.begin(), more.end());
  arguments.push_back(path.string());
  return run_miglint(arguments);
}

// The gcc-format findings of `rule` in `out`, as "line:column".
std::vector<std::string> places(const std::string& out, const std::string& rule) {
  std::vector<std::string> found;
  std::regex finding(":([0-9]+):([0-9]+): [a-z]+: \\[" + rule + "\\]");
  for (auto it = std::sregex_iterator(out.begin(), out.end(), finding); it != std::sregex_iterator(); ++it)
    found.push_back((*it)[1].str() + ":" + (*it)[2].str());
  return found;
}

const std::string kIndex = "CREATE INDEX i ON t (c);\n";  // a finding: require-concurrent-index

}  // namespace

TEST_CASE("bad input: empty, blank and comment-only files lint clean, as an empty migration is legal") {
  ScratchDir dir;
  for (const auto& [name, text] : std::vector<std::pair<std::string, std::string>>{
           {"0001_empty.sql", ""}, {"0001_blank.sql", "  \n\t\n   \r\n"}, {"0001_comments.sql", "-- a\n/* b */\n-- c\n"}}) {
    const std::string& case_name = name;  // clang 14 cannot capture a structured binding in CAPTURE
    CAPTURE(case_name);
    Child child = run_miglint({"check", "--no-config", dir.write(name, text).string()});
    check_ended(child, 0);
    CHECK(has(child.out, "No problems found in 1 file, 1 migration, 0 statements."));
  }
}

TEST_CASE("bad input: binary data, invalid UTF-8, UTF-16 and NUL bytes are syntax-error findings at their place") {
  ScratchDir dir;
  std::string every_byte;
  for (int round = 0; round < 4; ++round)
    for (int byte = 0; byte < 256; ++byte) every_byte += static_cast<char>(byte);
  std::string sql = "\xEF\xBB\xBFSELECT 1;\nCREATE INDEX i ON t (c);\n";
  auto utf16 = [&](bool little_endian) {
    std::string out = little_endian ? "\xFF\xFE" : "\xFE\xFF";
    for (char c : sql.substr(3)) out += little_endian ? std::string{c, '\0'} : std::string{'\0', c};
    return out;
  };
  struct Case {
    std::string name;
    std::string bytes;
    std::string place;
    std::string message;
  };
  for (const Case& c : std::vector<Case>{
           {"binary.sql", every_byte, "1:1", "holds a NUL byte: it is binary data"},
           {"invalid_utf8.sql", "SELECT 1;\nSELECT '\xFF\xFE abc';\n", "2:9", "not valid UTF-8"},
           {"utf16le.sql", utf16(true), "1:1", "this file is UTF-16"},
           {"utf16be.sql", utf16(false), "1:1", "this file is UTF-16"},
           {"nul.sql", "SELECT 1;\nSELECT 2\0;\n"s, "2:9", "holds a NUL byte"},
       }) {
    CAPTURE(c.name);
    std::filesystem::path path = dir.write(c.name, c.bytes);
    Child child = check_gcc(path);
    check_ended(child, 1);
    CHECK(places(child.out, "syntax-error") == std::vector<std::string>{c.place});
    CHECK(has(child.out, path.string() + ":" + c.place + ": error: [syntax-error]"));
    CHECK(has(child.out, c.message));
    // The tty report quotes the line: the file's control bytes must not reach the terminal.
    Child tty = run_miglint({"check", "--no-config", "--color", "never", path.string()});
    check_ended(tty, 1);
    CHECK(tty.out.find_first_of(std::string("\x1b\x07\x08\0", 4)) == std::string::npos);
  }
}

TEST_CASE("bad input: unterminated string, dollar quote and comment are findings at the line they open on") {
  ScratchDir dir;
  struct Case {
    std::string name;
    std::string sql;
    std::string place;
    std::string message;
  };
  for (const Case& c : std::vector<Case>{
           {"string.sql", "SELECT 1;\nSELECT 'abc;\nSELECT 2;\n", "2:8", "unterminated quoted string"},
           {"dollar.sql", "SELECT 1;\nDO $$ BEGIN\nSELECT 2;\n", "2:4", "unterminated dollar-quoted string"},
           {"comment.sql", "SELECT 1;\n/* never closed\nSELECT 2;\n", "2:1", "unterminated /* comment"},
       }) {
    CAPTURE(c.name);
    Child child = check_gcc(dir.write(c.name, c.sql));
    check_ended(child, 1);
    CHECK(places(child.out, "syntax-error") == std::vector<std::string>{c.place});
    CHECK(has(child.out, c.message));
  }
}

TEST_CASE("bad input: CRLF and LF mixed in one file put findings on the lines an editor shows") {
  ScratchDir dir;
  Child child = check_gcc(dir.write("mixed.sql", "SELECT 1;\r\nSELECT 2;\nCREATE INDEX i ON t (c);\r\n\r\n  CREATE INDEX j ON t (c);\n"));
  check_ended(child, 1);
  CHECK(places(child.out, "require-concurrent-index") == std::vector<std::string>{"3:1", "5:3"});
}

TEST_CASE("bad input: a 50 MB migration is linted whole, every statement counted, in bounded memory") {
  ScratchDir dir;
  // Statements that draw no finding in autocommit, with two that do: one
  // past the middle and one at the end, so that a statement lost or
  // misplaced where the file is read a piece at a time shows.
  const std::string block =
      "INSERT INTO accounts (id, name, note) VALUES (1, 'alpha', 'a; b'), (2, 'beta', $$c; d$$), (3, 'gamma', NULL);\n"
      "-- a comment; with a semicolon\n"
      "CREATE TABLE IF NOT EXISTS audit (id bigint PRIMARY KEY, at timestamptz NOT NULL DEFAULT now());\n"
      "SELECT count(*) FROM accounts WHERE name IN ('a', 'b', 'c') /* ; */;\n";
  constexpr std::size_t kTarget = 50 * kMiB;
  std::size_t blocks = kTarget / block.size();
  std::size_t middle = blocks / 2 + 7;
  std::filesystem::path path = dir.path / "0001_big.sql";
  {
    std::ofstream out(path, std::ios::binary);
    for (std::size_t i = 0; i < blocks; ++i) {
      out << block;
      if (i == middle) out << kIndex;
    }
    out << kIndex;
  }
  long size = static_cast<long>(std::filesystem::file_size(path));
  std::size_t lines_per_block = 4;
  std::string middle_line = std::to_string((middle + 1) * lines_per_block + 1);
  std::string last_line = std::to_string(blocks * lines_per_block + 2);
  Child child = check_gcc(path);
  // Measured 131 MB for 52 MB (2.5 times): the text, the line map, and one
  // piece of tokens and trees at a time.
  check_ended(child, 1, 3 * size + kBaseBytes);
  CHECK(places(child.out, "require-concurrent-index") == std::vector<std::string>{middle_line + ":1", last_line + ":1"});
  CHECK(places(child.out, "syntax-error").empty());
  Child summary = run_miglint({"check", "--no-config", "--select", "syntax-error", path.string()});
  check_ended(summary, 0, 3 * size + kBaseBytes);
  CHECK(has(summary.out, "in 1 file, 1 migration, " + std::to_string(blocks * 3 + 2) + " statements."));
  MESSAGE("50 MB migration: " << size << " bytes, peak RSS " << child.peak_rss << " bytes, " << child.seconds << " s");
}

TEST_CASE("bad input: a 10 MB line, as one string literal, one INSERT or many statements, stays bounded") {
  ScratchDir dir;
  constexpr std::size_t kLine = 10 * kMiB;

  std::filesystem::path literal = dir.write("0001_literal.sql", "INSERT INTO t (a) VALUES ('" + std::string(kLine, 'x') + "');\n" + kIndex);
  Child child = check_gcc(literal);
  long size = static_cast<long>(std::filesystem::file_size(literal));
  // Measured 77 MB: the text, libpg_query's copy of the literal, and its tree.
  check_ended(child, 1, 8 * size + kBaseBytes);
  CHECK(places(child.out, "require-concurrent-index") == std::vector<std::string>{"2:1"});
  MESSAGE("10 MB string literal: " << size << " bytes, peak RSS " << child.peak_rss << " bytes");

  std::string rows = "INSERT INTO t (a, b) VALUES ";
  for (int row = 0; rows.size() < kLine; ++row) rows += (row ? ", (" : "(") + std::to_string(row) + ", 'v" + std::to_string(row) + "')";
  std::filesystem::path insert = dir.write("0001_insert.sql", rows + ";\n" + kIndex);
  child = check_gcc(insert);
  size = static_cast<long>(std::filesystem::file_size(insert));
  // PostgreSQL's tree of 500,000 rows is 65 MB of JSON, and simdjson's DOM of
  // it five times that: a statement costs about 60 times its text.
  check_ended(child, 1, 64 * size + kBaseBytes);
  CHECK(places(child.out, "require-concurrent-index") == std::vector<std::string>{"2:1"});
  MESSAGE("10 MB INSERT: " << size << " bytes, peak RSS " << child.peak_rss << " bytes");

  // 40,000 findings on one line: each quotes 1 KiB of it, not all of it.
  std::string statements;
  for (int i = 0; statements.size() < kMiB; ++i) statements += "CREATE INDEX i" + std::to_string(i) + " ON t (c);";
  std::filesystem::path one_line = dir.write("0001_one_line.sql", statements + "\n");
  child = run_miglint({"check", "--no-config", "--select", "require-concurrent-index", one_line.string()});
  size = static_cast<long>(std::filesystem::file_size(one_line));
  check_ended(child, 1, 128 * size + kBaseBytes);
  std::size_t count = std::count(statements.begin(), statements.end(), ';');
  CHECK(has(child.out, "Found " + std::to_string(count) + " problems"));
  // The snippet of a finding far along the line shows the part around it.
  CHECK(has(child.out, "1 | ..."));
  MESSAGE("1 MB line of " << count << " findings: peak RSS " << child.peak_rss << " bytes, " << child.seconds << " s");
}

TEST_CASE("bad input: 20,000 migrations in one directory are all linted, in bounded time and memory") {
  ScratchDir dir;
  constexpr int kFiles = 20000;
  for (int i = 0; i < kFiles; ++i) {
    char name[32];
    std::snprintf(name, sizeof name, "%05d_add_column.sql", i);
    std::ofstream(dir.path / name) << "ALTER TABLE t" << i << " ADD COLUMN c text;\n";
  }
  Child child = run_miglint({"check", "--no-config", "--format", "gcc", dir.path.string()});
  // Measured 65 MB and half a second.
  check_ended(child, 1, kBaseBytes + kFiles * 4096L);
  CHECK(places(child.out, "require-lock-timeout").size() == kFiles);
  Child summary = run_miglint({"check", "--no-config", "--select", "syntax-error", dir.path.string()});
  check_ended(summary, 0, kBaseBytes + kFiles * 4096L);
  CHECK(has(summary.out, "in 20000 files, 20000 migrations, 20000 statements."));
  MESSAGE("20,000 files: peak RSS " << child.peak_rss << " bytes, " << child.seconds << " s");
}

TEST_CASE("bad input: expressions nested past PostgreSQL's limit are syntax-error findings at their line") {
  ScratchDir dir;
  constexpr int kDeep = 10000;
  auto repeat = [](const std::string& text, int times) {
    std::string out;
    for (int i = 0; i < times; ++i) out += text;
    return out;
  };
  std::string sums;
  for (int i = 0; i < kDeep; ++i) sums += "a" + std::to_string(i) + "+(";
  for (const auto& [name, statement] : std::vector<std::pair<std::string, std::string>>{
           {"parentheses.sql", "SELECT " + repeat("(", kDeep) + "1" + repeat(")", kDeep)},
           {"sums.sql", "SELECT " + sums + "1" + repeat(")", kDeep)},
           {"arrays.sql", "SELECT " + repeat("ARRAY[", kDeep) + "1" + repeat("]", kDeep)},
       }) {
    const std::string& case_name = name;  // clang 14 cannot capture a structured binding in CAPTURE
    CAPTURE(case_name);
    Child child = check_gcc(dir.write(name, "SELECT 1;\n" + statement + ";\n" + kIndex));
    check_ended(child, 1);
    std::vector<std::string> syntax = places(child.out, "syntax-error");
    REQUIRE(syntax.size() == 1);
    CHECK(syntax[0].starts_with("2:"));
    CHECK(has(child.out, "memory exhausted"));
    CHECK(has(child.out, "nests too deeply for PostgreSQL's parser"));
    // The statement after it is linted still.
    CHECK(places(child.out, "require-concurrent-index") == std::vector<std::string>{"3:1"});
  }
}

TEST_CASE("bad input: deep trees PostgreSQL accepts are linted without overflowing a stack") {
  ScratchDir dir;
  auto repeat = [](const std::string& text, int times) {
    std::string out;
    for (int i = 0; i < times; ++i) out += text;
    return out;
  };
  for (const auto& [name, statement] : std::vector<std::pair<std::string, std::string>>{
           // simdjson stops at 1024 levels by default; libpg_query writes several per level.
           {"parentheses.sql", "SELECT " + repeat("(", 1000) + "1" + repeat(")", 1000)},
           {"sums.sql", "SELECT " + repeat("a+(", 1000) + "1" + repeat(")", 1000)},
           {"arrays.sql", "SELECT " + repeat("ARRAY[", 1000) + "1" + repeat("]", 1000)},
           {"cases.sql", "SELECT " + repeat("CASE WHEN x THEN ", 1000) + "1" + repeat(" END", 1000)},
           {"subqueries.sql", "SELECT " + repeat("(SELECT ", 500) + "1" + repeat(")", 500)},
           {"json.sql", "SELECT '" + repeat("[", 10000) + "1" + repeat("]", 10000) + "'::jsonb"},
           // A chain the parser takes without its stack growing, written out
           // by libpg_query a stack frame per addition: it crashed an 8 MB stack.
           {"chain.sql", "SELECT 1" + repeat("+1", 300000)},
           {"default.sql", "ALTER TABLE t ADD COLUMN c int DEFAULT 1" + repeat("+1", 300000)},
       }) {
    const std::string& case_name = name;  // clang 14 cannot capture a structured binding in CAPTURE
    CAPTURE(case_name);
    Child child = check_gcc(dir.write(name, "SELECT 1;\n" + statement + ";\n" + kIndex));
    // A tree of 300,000 levels is 45 MB of JSON and its DOM.
    check_ended(child, 1, 512 * kMiB);
    CHECK(places(child.out, "syntax-error").empty());
    CHECK(places(child.out, "require-concurrent-index") == std::vector<std::string>{"3:1"});
  }

  // Past a million tokens without a comma, a statement is not parsed at all.
  Child child = check_gcc(dir.write("0001_too_deep.sql", "SELECT 1;\nSELECT 1" + repeat("+1", 700000) + ";\n" + kIndex));
  check_ended(child, 1, 256 * kMiB);
  CHECK(places(child.out, "syntax-error") == std::vector<std::string>{"2:1"});
  CHECK(has(child.out, "nests too deeply to parse"));
  CHECK(places(child.out, "require-concurrent-index") == std::vector<std::string>{"3:1"});
}

TEST_CASE("bad input: a symbolic link loop and a dangling link stop with exit 2 and name the link") {
  ScratchDir dir;
  dir.write("db/sub/0001_a.sql", "SELECT 1;\n");
  std::filesystem::create_directory_symlink("..", dir.path / "db/sub/up");
  Child loop = run_miglint({"check", "--no-config", (dir.path / "db").string()});
  check_ended(loop, 2);
  CHECK(has(loop.out, (dir.path / "db/sub/up").string() + ": a symbolic link loop"));

  ScratchDir dangling;
  dangling.write("0001_a.sql", "SELECT 1;\n");
  std::filesystem::create_symlink("0002_b.sql", dangling.path / "0002_b.sql");
  Child broken = run_miglint({"check", "--no-config", dangling.path.string()});
  check_ended(broken, 2);
  CHECK(has(broken.out, (dangling.path / "0002_b.sql").string() + ": cannot read: Too many levels of symbolic links"));
}

TEST_CASE("bad input: an unreadable file is exit 2, named, and the rest is still linted") {
  ScratchDir dir;
  dir.write("0001_a.sql", kIndex);
  std::filesystem::path locked = dir.write("0002_b.sql", "SELECT 1;\n");
  std::filesystem::permissions(locked, std::filesystem::perms::none);
  // Root reads a file whatever its mode says, and the tests run as root in
  // CI: there the child drops to nobody, so that the permission is enforced.
  RunOptions options;
  options.as_nobody = ::geteuid() == 0;
  // nobody may not reach the build tree (a clone under /root or in a 0700
  // temporary folder), so it runs a copy of miglint from a folder it can.
  ScratchDir tools;
  if (options.as_nobody) {
    constexpr auto kReachable = std::filesystem::perms::owner_all | std::filesystem::perms::group_read |
                                std::filesystem::perms::group_exec | std::filesystem::perms::others_read |
                                std::filesystem::perms::others_exec;
    std::filesystem::permissions(dir.path, kReachable);
    std::filesystem::permissions(tools.path, kReachable);
    options.binary = tools.path / "miglint";
    std::filesystem::copy_file(kBinary, options.binary);
  }
  Child child = run_miglint({"check", "--no-config", "--format", "gcc", dir.path.string()}, options);
  check_ended(child, 2);
  CHECK(has(child.out, locked.string() + ": cannot read: Permission denied"));
  CHECK(places(child.out, "require-concurrent-index") == std::vector<std::string>{"1:1"});
}

TEST_CASE("bad input: a FIFO is refused at once, never waited on") {
  ScratchDir dir;
  dir.write("0001_a.sql", kIndex);
  std::filesystem::path fifo = dir.path / "0002_b.sql";
  REQUIRE(::mkfifo(fifo.c_str(), 0644) == 0);
  Child named = run_miglint({"check", "--no-config", fifo.string()});
  check_ended(named, 2);
  CHECK(has(named.out, fifo.string() + ": a named pipe (FIFO), not a regular file or directory"));
  // In a directory, only regular files are migrations.
  Child listed = run_miglint({"check", "--no-config", "--format", "gcc", dir.path.string()});
  check_ended(listed, 1);
  CHECK(places(listed.out, "require-concurrent-index") == std::vector<std::string>{"1:1"});
  CHECK(named.seconds < 10);
}

TEST_CASE("bad input: runner markers out of place are syntax-error findings at the marker") {
  ScratchDir dir;
  struct Case {
    std::string layout;
    std::string sql;
    std::string place;
    std::string message;
  };
  for (const Case& c : std::vector<Case>{
           {"goose", "-- +goose Up\n-- +goose StatementBegin\nSELECT 1;\n-- +goose Down\nSELECT 2;\n", "2:1",
            "goose cannot run this file: this -- +goose StatementBegin has no -- +goose StatementEnd"},
           {"goose", "-- +goose Up\n-- +goose StatementBegin\nSELECT 1;\n", "2:1",
            "this -- +goose StatementBegin has no -- +goose StatementEnd"},
           {"goose", "-- +goose Up\nSELECT 1;\n-- +goose StatementEnd\n", "3:1",
            "-- +goose StatementEnd without a -- +goose StatementBegin before it"},
           {"miglint", "-- UP\nSELECT 1;\n-- DOWN\nSELECT 2;\n-- DOWN\nSELECT 3;\n", "5:1",
            "a second -- DOWN marker; the first is at line 3"},
       }) {
    CAPTURE(c.sql);
    Child child = check_gcc(dir.write("00001_x.sql", c.sql), {"--layout", c.layout});
    check_ended(child, 1);
    CHECK(places(child.out, "syntax-error") == std::vector<std::string>{c.place});
    CHECK(has(child.out, c.message));
  }
}

// A down file alone is not reported: golang-migrate applies nothing for its
// version, and real projects ship such files on purpose (concourse and
// hydra, whose up steps are Go code). It is linted like any down part.
TEST_CASE("bad input: an up file without its down file is a finding, a down file alone is linted") {
  ScratchDir dir;
  dir.write("db/0001_a.up.sql", "CREATE TABLE a (id bigint PRIMARY KEY);\n");
  dir.write("db/0002_b.up.sql", "CREATE TABLE b (id bigint PRIMARY KEY);\n");
  dir.write("db/0002_b.down.sql", "DROP TABLE b;\n");
  Child no_down = check_gcc(dir.path / "db");
  check_ended(no_down, 1);
  CHECK(has(no_down.out, (dir.path / "db/0001_a.up.sql").string() + ":1:1: warning: [missing-down]"));

  std::filesystem::remove(dir.path / "db/0001_a.up.sql");
  dir.write("db/0001_a.down.sql", "DROP TABLE a;\n");
  Child no_up = check_gcc(dir.path / "db");
  check_ended(no_up, 1);
  CHECK(has(no_up.out, (dir.path / "db/0001_a.down.sql").string() + ":1:1: warning: [dropping-table]"));
  CHECK_FALSE(has(no_up.out, "missing-down"));
}

TEST_CASE("bad input: each kind of wrong value in miglint.toml is exit 2 with its file, line and column") {
  ScratchDir dir;
  dir.write("db/0001_a.sql", kIndex);
  for (const auto& [toml, expected] : std::vector<std::pair<std::string, std::string>>{
           {"pg_version = \"15\"\n", "1:14: pg_version must be an integer"},
           {"pg_version = 15.0\n", "1:14: pg_version must be an integer, such as 15, not a float"},
           {"pg_version = 7\n", "1:14: pg_version 7 is not a PostgreSQL major version"},
           {"pg_version = 99999999999999999999\n", "1:34: not valid TOML"},
           {"layout = 3\n", "1:10: layout must be a string, not an integer"},
           {"layout = \"flywai\"\n", "1:10: unknown layout \"flywai\" (did you mean \"flyway\"?)"},
           {"select = \"syntax-error\"\n", "1:10: select must be an array of rule ids"},
           {"select = [\"no-such-rule\"]\n", "1:11: unknown rule id \"no-such-rule\""},
           {"ignore = [1]\n", "1:11: ignore must be a string, not an integer"},
           {"extend_select = [true]\n", "1:18: extend_select must be a string, not a boolean"},
           {"severity = \"error\"\n", "1:12: severity must be a table, not a string"},
           {"[severity]\nno-such-rule = \"error\"\n", "2:16: unknown rule id \"no-such-rule\""},
           {"[severity]\ndropping-table = \"loud\"\n", "2:18: unknown severity \"loud\""},
           {"[severity]\ndropping-table = 1\n", "2:18: dropping-table must be a string, not an integer"},
           {"fail_on = 1\n", "1:11: fail_on must be a string, not an integer"},
           {"fail_on = \"fatal\"\n", "1:11: unknown severity \"fatal\""},
           {"runner_sets_lock_timeout = \"yes\"\n", "1:28: runner_sets_lock_timeout must be true or false"},
           {"placeholders = []\n", "1:16: placeholders must be a table, not an array"},
           {"[placeholders]\n\"${schema}\" = 1\n", "2:15: a placeholder's replacement must be a string"},
           {"[placeholders]\n\" \" = \"x\"\n", "2:1: a placeholder must not be empty"},
           {"per-path = 3\n", "1:12: per-path must be a table, not an integer"},
           {"[per-path.\"legacy/**\"]\npg_version = 12\n", "2:1: unknown key \"pg_version\" in [per-path]"},
           {"[per-path.\"legacy/**\"]\nselect = \"syntax-error\"\n", "2:10: select must be an array of rule ids"},
           {"[per-path.\"[abc\"]\nignore = []\n", "1:11: [per-path.\"[abc\"]: the [ at position 1 is never closed"},
           {"[per-path.\"\"]\nignore = []\n", "1:11: [per-path.\"\"]: a glob must not be empty"},
           {"[per-path.\"db**\"]\nignore = []\n", "1:11: [per-path.\"db**\"]: ** must be a whole path segment"},
           {"selct = []\n", "1:1: unknown key \"selct\" (did you mean \"select\"?)"},
           {"pg_version = 15\npg_version = 16\n", "2:14: not valid TOML"},
           {"select = [\n", "1:12: not valid TOML"},
           {"\xFF = 1\n", "1:1: not valid TOML"},
           {"pg_version = 15\n\x01\n", "2:1: not valid TOML"},
       }) {
    const std::string& config_text = toml;  // clang 14 cannot capture a structured binding in CAPTURE
    CAPTURE(config_text);
    dir.write("db/miglint.toml", toml);
    RunOptions in_dir;
    in_dir.cwd = dir.path / "db";
    Child child = run_miglint({"check", "."}, in_dir);
    check_ended(child, 2);
    CHECK(has(child.out, "miglint.toml:" + expected));
  }
  // A pattern of many `**` is matched in linear time, not by trying every split.
  dir.write("db/miglint.toml", "[per-path.\"**/**/**/**/**/**/**/**/**/**/**/**/**/**/**/**/**/**/**/**/**/**/x\"]\nignore = []\n");
  std::filesystem::create_directories(dir.path / "db/a/b/c/d/e/f/g/h/i/j/k/l/m/n/o/p");
  dir.write("db/a/b/c/d/e/f/g/h/i/j/k/l/m/n/o/p/0002_b.sql", "SELECT 1;\n");
  RunOptions in_dir;
  in_dir.cwd = dir.path / "db";
  check_ended(run_miglint({"check", "."}, in_dir), 1);
}

// Files over 1 MB that nobody scanned are read a piece at a time; the
// pieces must give what one scan of the whole file gives.
TEST_CASE("bad input: a large file read a piece at a time has the findings of the token road") {
  std::string corpus;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(kSourceDir / "fixtures" / "rules")) {
    if (entry.path().extension() != ".sql") continue;
    std::istringstream lines(read_text(entry.path()));
    for (std::string line; std::getline(lines, line);)
      if (line.find("miglint") == std::string::npos) corpus += line + "\n";
    corpus += ";\n";
  }
  std::string text;
  while (text.size() < 3 * static_cast<std::size_t>(kMiB)) text += corpus;
  auto findings = [](const std::string& sql) {
    std::vector<std::tuple<int, int, std::string, std::string>> found;
    for (const Finding& finding : lint(sql).findings)
      found.emplace_back(finding.start.line, finding.start.column, std::string(finding.rule->id), finding.message);
    return found;
  };
  std::vector<std::tuple<int, int, std::string, std::string>> pieces = findings(text);
  CHECK(pieces.size() > 1000);
  CHECK(pieces == findings(text + "-- miglint: take the token road\n"));
}

}  // namespace miglint::test
