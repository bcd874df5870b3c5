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

/// Ends this process at once with Status, as _exit does, after removing the
/// file libomp registered for it in /dev/shm (libomp's destructor, which
/// removes it, does not run on _exit).
[[noreturn]] void endProcess(int Status);

/// Removes libomp's registration file of process Pid (a child that was
/// killed, or one that is about to start again in its place).
void forgetOmpRegistration(int Pid);

} // namespace distomp::rt

#endif
