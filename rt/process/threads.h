//===- threads.h - The runtime's own service threads --------------*- C++ -*-===//
//
// The heartbeat, the home, the embedded coordinator and replays run on
// threads of their own. They may outlive main: a detached thread keeps
// running while exit() destroys static objects, so everything such a thread
// touches is created before it starts and never destroyed (sockets,
// endpoints, configuration). An exception escaping one (a ZeroMQ call that
// fails) ends the process with a line that names the thread, never with
// std::terminate's bare abort.
//
//===----------------------------------------------------------------------===//
#ifndef DISTOMP_RT_THREADS_H
#define DISTOMP_RT_THREADS_H

#include <functional>
#include <thread>

namespace distomp::rt {

/// Starts Body on a new thread; Name says what it does in the error line.
std::thread startServiceThread(const char *Name, std::function<void()> Body);

/// Runs Body; a ZeroMQ or other exception out of it ends the process with
/// "distomp: error: <What>: <reason>".
void reportingFailures(const char *What, const std::function<void()> &Body);

} // namespace distomp::rt

#endif
