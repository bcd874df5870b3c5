//===- diag.h - How the runtime reports --------------------------*- C++ -*-===//
#ifndef DISTOMP_RT_DIAG_H
#define DISTOMP_RT_DIAG_H

namespace distomp::rt {

/// Prints "distomp: error: <message>" on stderr and ends the process with
/// status 1, after flushing the program's stdout so no output is lost.
/// In a worker that has joined, the job learns why first (setFatalHook), so
/// the master stops with the message instead of running the part again.
[[noreturn]] void fatal(const char *Fmt, ...) __attribute__((format(printf, 1, 2)));

/// Called once with the message before a fatal() ends the process.
void setFatalHook(void (*Hook)(const char *Message));

} // namespace distomp::rt

#endif
