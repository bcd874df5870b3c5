//===- diag.h - How the runtime reports --------------------------*- C++ -*-===//
#ifndef DISTOMP_RT_DIAG_H
#define DISTOMP_RT_DIAG_H

namespace distomp::rt {

/// Prints "distomp: error: <message>" on stderr and ends the process with
/// status 1, after flushing the program's stdout so no output is lost.
[[noreturn]] void fatal(const char *Fmt, ...) __attribute__((format(printf, 1, 2)));

} // namespace distomp::rt

#endif
