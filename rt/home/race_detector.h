//===- race_detector.h - Write/write races, found at the home -----*- C++ -*-===//
//
// Bytes written by two processes between the same two barriers, neither
// under a lock, are a write/write race in the program: which value survives
// depends on timing. The home sees every byte run workers commit and finds
// the master's own writes by comparison, so it checks each run against the
// runs other processes wrote in the same epoch and reports overlaps on the
// master's stderr, naming the variable and where each process wrote it. Runs are byte-exact: neighbouring
// bytes written by different processes (false sharing) are no race.
// Writes committed at a lock are not checked (the lock orders them); the
// program continues with one of the values, as OpenMP would.
//
//===----------------------------------------------------------------------===//
#ifndef DISTOMP_RT_RACE_DETECTOR_H
#define DISTOMP_RT_RACE_DETECTOR_H

#include "memory/diff.h"

#include <cstdint>

namespace distomp::rt {

/// Process Rank wrote the bytes Written of page Page (page number) in epoch
/// Epoch (barriers passed) of region run Seq. WriterAt: the codeOffset() of
/// the instruction whose write first made the page dirty there (0: unknown),
/// named in a report by source line when the program has debug info.
/// Each process's bytes are kept as one bit per byte of the page.
void raceRecordPage(uint64_t Seq, uint32_t Epoch, uint32_t Rank, uint64_t Page,
                    const ByteMask &Written, uint64_t WriterAt);

} // namespace distomp::rt

#endif
