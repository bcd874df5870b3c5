//===- written_pages.h - Which watched pages may have changed -----*- C++ -*-===//
//
// The home finds the master's own writes by comparing each page a worker
// holds with its snapshot (home.cpp), at every region start, barrier and
// lock release: the master's serial code runs uninstrumented, and this
// kernel has no soft-dirty bits. Comparing every held page every time costs
// a memcmp of all of them (a 3D stencil's worker holds 7 MB: 0.86 s of a
// 3 s run). Where the kernel can say which pages were written since it was
// last asked, only those are compared.
//
// The kernel's way (Linux 6.7 and later): a userfaultfd with write
// protection in asynchronous mode (UFFD_FEATURE_WP_ASYNC) over the master's
// shared ranges. A write-protected page's first write, by the program, a
// library, the kernel on its behalf (read(2) into it) or the home applying
// a commit, faults once, and the kernel clears the page's protection itself:
// no message, no thread of ours. PAGEMAP_SCAN on /proc/self/pagemap then
// lists the pages written since, and write-protects them again in the same
// walk, so a write between the answer and the protection cannot be lost.
//
// What is not certain is compared, as before: pages outside the ranges this
// process could register (a mapping registration refused, one replaced
// since), pages not present (freed with MADV_DONTNEED: they read as zeros
// now), every page when the kernel has no such tracking or
// DISTOMP_WRITE_TRACKING=0 says not to use it. Only the spans around
// watched pages are scanned, so the master's other pages never fault.
//
//===----------------------------------------------------------------------===//
#ifndef DISTOMP_RT_WRITTEN_PAGES_H
#define DISTOMP_RT_WRITTEN_PAGES_H

#include "program/image.h"

#include <cstdint>
#include <vector>

namespace distomp::rt {

/// The pages of Watched (page numbers, sorted, unique) that may differ from
/// what they held at the last call that named them: written since, not
/// present, or not tracked. Ranges: the master's shared ranges now (those
/// not registered yet are registered; their pages count as changed this
/// once). Caller serializes calls.
std::vector<uint64_t> pagesMaybeChanged(const std::vector<uint64_t> &Watched,
                                        const std::vector<AddressRange> &Ranges);

/// Whether the kernel tracks writes here (false: every watched page counts
/// as changed at every call).
bool writeTrackingWorks();

} // namespace distomp::rt

#endif
