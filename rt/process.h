//===- process.h - Start-up, membership and the end of a job -----*- C++ -*-===//
#ifndef DISTOMP_RT_PROCESS_H
#define DISTOMP_RT_PROCESS_H

#include <cstdint>

namespace distomp::rt {

/// Master: joined a coordinator, so regions can be distributed.
bool distributedReady();

/// Worker: silences stdout and stderr while the program's constructors run.
void muteWorkerOutput();

} // namespace distomp::rt

#endif
