//===- process.h - Start-up, membership and the end of a job -----*- C++ -*-===//
#ifndef DISTOMP_RT_PROCESS_H
#define DISTOMP_RT_PROCESS_H

#include <cstdint>
#include <string>

namespace distomp::rt {

/// Master: joined a coordinator, so regions can be distributed.
bool distributedReady();

/// Worker: its own memory is where the master's is (Why says where), so it
/// leaves the job and starts again with a fresh address layout, which the
/// coordinator waits for; a few times at most, then a clear error.
[[noreturn]] void restartWorker(const std::string &Why);

/// This process was declared dead by the job (it stopped answering for a
/// liveness period) and its part runs elsewhere: it ends at once with one
/// line, printing none of the program's output it still buffers (that part
/// is printed by whoever runs it now).
[[noreturn]] void endFenced(const char *Reason);

/// Worker: silences stdout and stderr while the program's constructors run.
void muteWorkerOutput();

} // namespace distomp::rt

#endif
