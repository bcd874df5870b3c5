//===- errno_guard.h - The program's errno survives the runtime -*- C++ -*-===//
//
// Instrumented code calls the runtime between any two of the program's own
// statements (a page miss between strtod and the test of errno, a fault in a
// signal handler), and the runtime's system calls set errno. Each entry
// point the program's code reaches keeps errno as it found it.
//
//===----------------------------------------------------------------------===//
#ifndef DISTOMP_RT_ERRNO_GUARD_H
#define DISTOMP_RT_ERRNO_GUARD_H

#include <cerrno>

namespace distomp::rt {

struct ErrnoGuard {
  int Saved = errno;
  ~ErrnoGuard() { errno = Saved; }
};

} // namespace distomp::rt

#endif
