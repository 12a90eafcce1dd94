#include "apply/subprocess.hpp"

#include <fcntl.h>
#include <grp.h>
#include <pwd.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <system_error>

namespace miglint::apply {

namespace {

std::vector<char*> argv_of(const std::vector<std::string>& arguments) {
  std::vector<char*> argv;
  for (const std::string& argument : arguments) argv.push_back(const_cast<char*>(argument.c_str()));
  argv.push_back(nullptr);
  return argv;
}

// In the child, between fork and exec: only async-signal-safe calls. The
// parent may block signals for its cleanup thread; the program must not
// inherit that, or Ctrl-C would not reach it.
[[noreturn]] void exec_child(char* const* argv, const char* working_directory, int output_fd,
                             const std::optional<SystemUser>& user) {
  sigset_t none;
  sigemptyset(&none);
  pthread_sigmask(SIG_SETMASK, &none, nullptr);
  if (output_fd >= 0 && (dup2(output_fd, STDOUT_FILENO) < 0 || dup2(output_fd, STDERR_FILENO) < 0)) _exit(127);
  if (user && (setgroups(0, nullptr) != 0 || setgid(user->gid) != 0 || setuid(user->uid) != 0)) _exit(127);
  if (working_directory != nullptr && chdir(working_directory) != 0) _exit(127);
  execv(argv[0], argv);
  _exit(127);
}

int wait_for(pid_t pid) {
  int status = 0;
  while (waitpid(pid, &status, 0) < 0)
    if (errno != EINTR) throw std::system_error(errno, std::generic_category(), "waitpid");
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

}  // namespace

std::optional<SystemUser> find_system_user(const std::string& name) {
  passwd entry{};
  passwd* found = nullptr;
  std::vector<char> buffer(16384);
  if (getpwnam_r(name.c_str(), &entry, buffer.data(), buffer.size(), &found) != 0 || found == nullptr) return std::nullopt;
  return SystemUser{name, found->pw_uid, found->pw_gid};
}

int run_program(const ProgramRun& run) {
  std::vector<char*> argv = argv_of(run.arguments);
  int output_fd = open(run.output.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
  if (output_fd < 0) throw std::system_error(errno, std::generic_category(), "cannot open " + run.output.string());
  std::string working_directory = run.working_directory.string();
  pid_t pid = fork();
  if (pid == 0) exec_child(argv.data(), working_directory.c_str(), output_fd, run.user);
  int fork_error = errno;
  close(output_fd);
  if (pid < 0) throw std::system_error(fork_error, std::generic_category(), "fork");
  return wait_for(pid);
}

std::optional<std::string> program_output(const std::vector<std::string>& arguments) {
  std::vector<char*> argv = argv_of(arguments);
  int pipe_fds[2];
  if (pipe2(pipe_fds, O_CLOEXEC) != 0) return std::nullopt;
  pid_t pid = fork();
  if (pid == 0) exec_child(argv.data(), nullptr, pipe_fds[1], std::nullopt);
  close(pipe_fds[1]);
  std::string output;
  char buffer[512];
  for (ssize_t n; pid > 0 && (n = read(pipe_fds[0], buffer, sizeof buffer)) != 0;) {
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) break;
    output.append(buffer, static_cast<std::size_t>(n));
  }
  close(pipe_fds[0]);
  if (pid < 0 || wait_for(pid) != 0) return std::nullopt;
  return output;
}

}  // namespace miglint::apply
