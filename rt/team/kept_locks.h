//===- kept_locks.h - Critical sections' locks a process keeps ---*- C++ -*-===//
//
// A critical section's lock stays with the process that used it last: when
// its thread leaves the critical section the process keeps the lock, and any
// of its threads enters again with no message, commit or invalidation, since
// nothing was released through the lock in between. When a thread elsewhere
// asks for it, the coordinator recalls it on the process's heartbeat socket;
// the heartbeat thread releases it at once if no thread of the process is
// inside (on behalf of the thread that left it last), else the thread inside
// releases it as it leaves. A thread about to wait at a barrier releases the
// kept locks first (a region's end leaves none kept). A process that comes
// back to a lock sooner after giving it up than a grant takes holds its next
// grant that long before a recall lets it go (grantedKeepable).
//
// Recalls and grants travel on different sockets: a recall may come before
// the grant it means is seen here. Grants are numbered per lock, and a recall
// names the grant; one for a grant not seen yet is remembered for it.
//
//===----------------------------------------------------------------------===//
#ifndef DISTOMP_RT_KEPT_LOCKS_H
#define DISTOMP_RT_KEPT_LOCKS_H

#include "transport.h"

#include <cstdint>
#include <vector>

namespace distomp::rt {
struct TeamState;

/// Entering lock Name: true if this process keeps it and no thread of it is
/// inside (the caller is now inside, having sent nothing). False: the caller
/// asks for it; if the process kept it, recalled and with its hold spent, it
/// was released through Socket first.
bool enterKeptLock(uint64_t Name, zmq::socket_t &Socket);

/// The calling thread was granted Name (grant number Grant, asked for at
/// nowNs() AskedAtNs) with leave to keep it; it is inside.
void grantedKeepable(uint64_t Name, uint64_t Grant, uint64_t AskedAtNs);

/// The calling thread (team state T) leaves Name. True: the process keeps
/// it. False: the caller releases it now (it was recalled, or not keepable).
bool leaveKeptLock(uint64_t Name, const TeamState &T);

/// Whether this process holds any lock it may keep: its dirty pages may hold
/// writes made under one, which that lock's release will order.
bool keepsLocks();

/// Waits until no release made on behalf of a thread (onLockRecall) is under
/// way. A commit that is not ordered by a lock (a barrier's, the one before
/// a lock is requested) calls it first: such a release may be about to send
/// what was written under its lock, and taken into the unordered commit
/// those bytes would look like a write/write race with the lock's next
/// holder.
void awaitReleasesOnBehalf();

/// Takes every lock this process keeps with no thread inside; the caller
/// releases them.
std::vector<uint64_t> takeKeptLocks();

/// The heartbeat thread: the coordinator recalls grant Grant of Name.
/// Releases through Socket (the heartbeat thread's) if no thread is inside
/// and the lock's hold is over.
void onLockRecall(uint64_t Name, uint64_t Grant, zmq::socket_t &Socket);

/// The heartbeat thread, at every turn: releases the recalled locks whose
/// hold ended with no thread inside. Returns the nanoseconds until the next
/// hold ends, 0 if none is pending.
uint64_t releaseHeldLocksDue(zmq::socket_t &Socket);

} // namespace distomp::rt

#endif
