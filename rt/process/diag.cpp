//===- diag.cpp - How the runtime reports ---------------------------------===//
#include "process/diag.h"

#include <atomic>
#include <cstdarg>
#include <cstdio>
#include <unistd.h>

namespace distomp::rt {
namespace {
std::atomic<void (*)(const char *)> Hook{nullptr};
} // namespace

void setFatalHook(void (*H)(const char *)) { Hook.store(H); }

void fatal(const char *Fmt, ...) {
  std::fflush(stdout);
  char Buf[1024];
  va_list Ap;
  va_start(Ap, Fmt);
  int N = std::vsnprintf(Buf, sizeof Buf, Fmt, Ap);
  va_end(Ap);
  if (N < 0)
    N = 0;
  if (N > int(sizeof Buf) - 1)
    N = sizeof Buf - 1;
  // One write: the line stays whole when several processes share a terminal.
  char Line[sizeof Buf + 32];
  int L = std::snprintf(Line, sizeof Line, "distomp: error: %.*s\n", N, Buf);
  ssize_t Ignored = write(STDERR_FILENO, Line, L);
  (void)Ignored;
  // Once: a fatal error while telling the job ends here.
  if (void (*H)(const char *) = Hook.exchange(nullptr))
    H(Buf);
  endProcess(1);
}

void forgetOmpRegistration(int Pid) {
  char Path[96];
  std::snprintf(Path, sizeof Path, "/dev/shm/__KMP_REGISTERED_LIB_%d_%u", Pid, unsigned(getuid()));
  unlink(Path);
}

void endProcess(int Status) {
  forgetOmpRegistration(int(getpid()));
  _exit(Status);
}

} // namespace distomp::rt
