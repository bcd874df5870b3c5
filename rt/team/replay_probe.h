//===- replay_probe.h - Whether a replay from the region's start is exact -*- C++ -*-===//
//
// A replay runs the dead thread's code from the region's start, skipping the
// constructs whose work that thread had committed: its worksharing loops give
// it nothing, the barriers let it through. Whatever the code does between
// them runs again. That is exact when it touches only the thread's own
// memory (its stack: loop counters, bounds, its thread number); a store to
// shared memory there (a per-thread partial reset, a flag) would be made a
// second time, over what others wrote since. And what it reads must be what
// the dead thread read: a value others changed since (a phase a later
// `single` moved on) would be read anew.
//
// So before a replay that skips anything, the master runs the part to skip in
// a copy of itself: a child forked from the replay thread, where all shared
// memory but that thread's stack is read-only and, in the page-state table,
// not held, so every instrumented load and store there reaches the runtime
// with its address and size. A load is checked against the home's change
// history (change_history.h): bytes changed at or after the barrier the load
// follows would be read with another value than the dead thread read. The
// child reaching the barrier the replay arrives at proves the part stores
// nothing shared and reads nothing changed since; a store, a changed value,
// a message it would send (a lock, an atomic), or not getting there within a
// few seconds says why the replay would not be exact, and the program stops
// with that instead of risking a wrong answer. The replay, which runs after
// the check while survivors go on, compares the bytes those loads read once
// more when it arrives. Loads the pass does not check (library code given
// shared memory, helpers left to the fault path) are not seen.
//
//===----------------------------------------------------------------------===//
#ifndef DISTOMP_RT_REPLAY_PROBE_H
#define DISTOMP_RT_REPLAY_PROBE_H

#include "distomp/abi.h"

#include <cstddef>
#include <cstdint>
#include <string>

namespace distomp::rt {

/// Called on the replay thread, its team state set (Replay, ReplayArriveWs):
/// "" if running region R from its start again is exact, else why not.
std::string probeReplay(const distomp_region &R, void **Args);

/// True in the probe's child, which must not talk to the job.
bool probing();

/// In the probe's child: instrumented code loads [Addr, Addr + Size) (at
/// instruction Pc), or stores to Addr; the load is checked and noted, the
/// store ends the child.
void probeLoad(const void *Addr, size_t Size, uintptr_t Pc);
[[noreturn]] void probeStore(const void *Addr, uintptr_t Pc);

/// In the replay, where it arrives after the part it skipped: the shared
/// memory the probe saw that part read is still as the probe saw it; else
/// the program stops with why.
void verifyReplayReads();

/// In the probe's child: it reached the barrier to arrive at (Safe), or is
/// about to send a message of kind What; ends the child.
[[noreturn]] void probeReachedArrival();
[[noreturn]] void probeWouldSend(const char *What);

} // namespace distomp::rt

#endif
