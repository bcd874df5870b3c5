//===- libc_calls.cpp - The runtime's own C library calls, kept its own ---===//
//
// A program may define functions named like the C library's (open, close,
// write, kill, signal, ... are legal C names outside POSIX, and old
// scientific code has its own). Symbol lookup would hand the runtime's calls
// to those. libdistomp.so is linked with --wrap for each such function it
// calls (rt/CMakeLists.txt): its references go to these __wrap_ versions,
// which call the C library's own definition, looked up in libc.so.6 itself.
// (ZeroMQ and libdw have a C library of their own: isolated_libraries.cpp.)
//
//===----------------------------------------------------------------------===//
#include <cstdarg>
#include <cstdio>
#include <dlfcn.h>
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

namespace {

void *libc() {
  static void *H = [] {
    void *L = dlopen("libc.so.6", RTLD_NOW | RTLD_NOLOAD);
    return L ? L : RTLD_NEXT;
  }();
  return H;
}

template <typename Fn> Fn real(const char *Name) {
  void *P = dlsym(libc(), Name);
  if (!P) {
    // Nothing of ours can report this safely; it means a broken C library.
    static const char Msg[] = "distomp: error: the C library lacks a function the runtime calls\n";
    syscall(1 /* SYS_write */, 2, Msg, sizeof Msg - 1);
    _exit(127);
  }
  return reinterpret_cast<Fn>(P);
}

} // namespace

#define DISTOMP_LIBC(Ret, Name, Params, Args)                                          \
  extern "C" Ret __wrap_##Name Params {                                                \
    static auto *Real = real<Ret(*) Params>(#Name);                                    \
    return Real Args;                                                                  \
  }
#include "program/libc_calls.def"
#undef DISTOMP_LIBC

// The variadic ones, with the arguments the runtime passes.
extern "C" int __wrap_open(const char *Path, int Flags, ...) {
  static auto *Real = real<int (*)(const char *, int, ...)>("open");
  mode_t Mode = 0;
  if (Flags & (O_CREAT | O_TMPFILE)) {
    va_list Ap;
    va_start(Ap, Flags);
    Mode = mode_t(va_arg(Ap, int));
    va_end(Ap);
  }
  return Real(Path, Flags, Mode);
}

extern "C" int __wrap_fcntl(int Fd, int Cmd, ...) {
  static auto *Real = real<int (*)(int, int, ...)>("fcntl");
  va_list Ap;
  va_start(Ap, Cmd);
  long Arg = va_arg(Ap, long);
  va_end(Ap);
  return Real(Fd, Cmd, Arg);
}

extern "C" int __wrap_prctl(int Option, ...) {
  static auto *Real = real<int (*)(int, ...)>("prctl");
  va_list Ap;
  va_start(Ap, Option);
  unsigned long A2 = va_arg(Ap, unsigned long), A3 = va_arg(Ap, unsigned long),
                A4 = va_arg(Ap, unsigned long), A5 = va_arg(Ap, unsigned long);
  va_end(Ap);
  return Real(Option, A2, A3, A4, A5);
}
