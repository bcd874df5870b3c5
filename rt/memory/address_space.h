//===- address_space.h - The master's memory, mirrored in every worker -*- C++ -*-===//
//
// Shared memory is the master's writable memory: the executable's data and
// bss, its heap, anonymous mappings (large malloc blocks, thread arenas) and
// its stack. The master lists those ranges at each region start; a worker
// reserves each at the same address (PROT_NONE) and marks its pages invalid
// in the shadow table, so pointers stored in data stay valid and every first
// access takes the miss path.
//
//===----------------------------------------------------------------------===//
#ifndef DISTOMP_RT_ADDRESS_SPACE_H
#define DISTOMP_RT_ADDRESS_SPACE_H

#include "program/image.h"

#include <cstdint>
#include <string>
#include <vector>

namespace distomp::rt {

/// Master: its shared ranges now, sorted and merged. Read from
/// /proc/self/maps when the layout may have changed since the last call.
std::vector<AddressRange> listMasterRanges();

/// Master: the same, read now; also finds the mapping holding Sp.
std::vector<AddressRange> readMasterRanges(uintptr_t Sp, AddressRange &Stack);

/// Worker: reserve whatever part of Ranges is not reserved yet and mark it
/// invalid. Returns false, with what is in the way in Conflict, if this
/// process already uses an address the master's memory needs.
bool adoptMasterRanges(const std::vector<AddressRange> &Ranges, std::string &Conflict);

/// Worker: whether Addr lies in memory mirrored from the master.
bool isMirrored(uintptr_t Addr);

/// Master: makes the shadow of the parts of Ranges not armed before
/// writable and READONLY, so that instrumented code's first store to each of
/// their pages reaches the runtime (home.h: homeMasterFirstWrite); returns
/// those parts. Serial code takes no checks and is not slowed.
std::vector<AddressRange> armMasterRanges(const std::vector<AddressRange> &Ranges);

/// Master: whether Addr lies in an armed range (its shadow byte is writable).
bool isArmed(uintptr_t Addr);

/// Master: the armed parts of [Begin, End) are watched no more (shadow
/// writable): for memory only one thread uses, such as its stack.
void disarmRange(uintptr_t Begin, uintptr_t End);

/// What this process has in [B, E) (/proc/self/maps): a file's path,
/// "[heap]", "[stack]", "an anonymous mapping" or "memory of its own".
std::string mappingNameAt(uintptr_t B, uintptr_t E);

/// Sets the shadow bytes of [Begin, End) (page aligned) to State.
void setShadow(uintptr_t Begin, uintptr_t End, uint8_t State);

/// The same where the table may still be read-only (not armed): makes its
/// part for [Begin, End) writable first. Armed ranges are not recorded.
void writeShadow(uintptr_t Begin, uintptr_t End, uint8_t State);

} // namespace distomp::rt

#endif
