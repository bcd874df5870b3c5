//===- written_pages.cpp - Which watched pages may have changed -----------===//
#include "home/written_pages.h"
#include "process/config.h"

#include "distomp/abi.h"
#include "log.h"

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <linux/userfaultfd.h>
#include <sys/ioctl.h>
#include <sys/syscall.h>
#include <unistd.h>

// Debian bookworm's headers (Linux 6.1) predate these; the kernel decides at
// run time whether they mean anything.
#ifndef UFFD_USER_MODE_ONLY
#define UFFD_USER_MODE_ONLY 1
#endif
#ifndef UFFD_FEATURE_WP_UNPOPULATED
#define UFFD_FEATURE_WP_UNPOPULATED (1 << 13)
#endif
#ifndef UFFD_FEATURE_WP_ASYNC
#define UFFD_FEATURE_WP_ASYNC (1 << 15)
#endif
#ifndef PAGEMAP_SCAN
struct page_region {
  uint64_t start, end, categories;
};
struct pm_scan_arg {
  uint64_t size, flags, start, end, walk_end, vec, vec_len, max_pages, category_inverted,
      category_mask, category_anyof_mask, return_mask;
};
#define PAGEMAP_SCAN _IOWR('f', 16, struct pm_scan_arg)
#define PAGE_IS_WRITTEN (1 << 1)
#define PAGE_IS_PRESENT (1 << 3)
#define PM_SCAN_WP_MATCHING (1 << 0)
#define PM_SCAN_CHECK_WPASYNC (1 << 1)
#endif

namespace distomp::rt {
namespace {

constexpr uint64_t PageSize = DISTOMP_PAGE_SIZE;
/// Watched pages this close are scanned as one span (the pages between are
/// protected too, and fault once if the master writes them).
constexpr uint64_t SpanGapPages = 8;

int Uffd = -1, Pagemap = -1;
bool Tried = false, Works = false;
std::vector<AddressRange> Registered; // sorted, disjoint
std::vector<AddressRange> Refused;    // registration failed: not tried again

bool start() {
  if (Tried)
    return Works;
  Tried = true;
  if (!config().WriteTracking)
    return false;
  Uffd = int(syscall(SYS_userfaultfd, O_CLOEXEC | O_NONBLOCK | UFFD_USER_MODE_ONLY));
  if (Uffd < 0) {
    logf(LogLevel::Debug, "write tracking: no userfaultfd (%s); held pages are compared",
         std::strerror(errno));
    return false;
  }
  uffdio_api Api{};
  Api.api = UFFD_API;
  Api.features = UFFD_FEATURE_WP_ASYNC | UFFD_FEATURE_WP_UNPOPULATED;
  Pagemap =
      ioctl(Uffd, UFFDIO_API, &Api) == 0 ? open("/proc/self/pagemap", O_RDONLY | O_CLOEXEC) : -1;
  if (Pagemap < 0) {
    logf(LogLevel::Debug, "write tracking: this kernel has no asynchronous write protection; "
                          "held pages are compared");
    close(Uffd);
    Uffd = -1;
    return false;
  }
  Works = true;
  return true;
}

bool overlaps(const std::vector<AddressRange> &Rs, uintptr_t B, uintptr_t E) {
  for (const AddressRange &R : Rs)
    if (R.Begin < E && B < R.End)
      return true;
  return false;
}

/// The mappings of /proc/self/maps that meet [B, E), clipped to it.
std::vector<AddressRange> mappingsIn(uintptr_t B, uintptr_t E) {
  std::vector<AddressRange> Out;
  FILE *F = std::fopen("/proc/self/maps", "re");
  if (!F)
    return Out;
  char Line[512];
  while (std::fgets(Line, sizeof Line, F)) {
    unsigned long Lo = 0, Hi = 0;
    if (std::sscanf(Line, "%lx-%lx", &Lo, &Hi) == 2 && Lo < E && B < Hi)
      Out.push_back({std::max<uintptr_t>(Lo, B), std::min<uintptr_t>(Hi, E)});
  }
  std::fclose(F);
  return Out;
}

bool registerRange(uintptr_t B, uintptr_t E) {
  uffdio_register R{};
  R.range.start = B;
  R.range.len = E - B;
  R.mode = UFFDIO_REGISTER_MODE_WP;
  return ioctl(Uffd, UFFDIO_REGISTER, &R) == 0;
}

/// Registers what of Ranges is neither registered nor refused. A range of
/// several mappings that cannot be registered whole is tried mapping by
/// mapping.
void registerNew(const std::vector<AddressRange> &Ranges) {
  std::vector<AddressRange> New;
  for (const AddressRange &R : Ranges) {
    uintptr_t At = R.Begin;
    for (const AddressRange &G : Registered) { // the gaps of Registered inside R
      if (G.End <= At || G.Begin >= R.End)
        continue;
      if (G.Begin > At)
        New.push_back({At, G.Begin});
      At = std::max(At, G.End);
    }
    if (At < R.End)
      New.push_back({At, R.End});
  }
  for (const AddressRange &N : New) {
    if (overlaps(Refused, N.Begin, N.End))
      continue;
    if (registerRange(N.Begin, N.End)) {
      Registered.push_back(N);
      continue;
    }
    for (const AddressRange &P : mappingsIn(N.Begin, N.End)) {
      if (registerRange(P.Begin, P.End))
        Registered.push_back(P);
      else
        Refused.push_back(P); // compared at every collection, as before
    }
  }
  std::sort(Registered.begin(), Registered.end(),
            [](const AddressRange &A, const AddressRange &B) { return A.Begin < B.Begin; });
}

/// Pages of [B, E) (inside one registered range) written since the last scan
/// or not present, appended to Out; protects them again. False if the kernel
/// refused (a mapping there is no longer registered).
bool scan(uintptr_t B, uintptr_t E, std::vector<uint64_t> &Out) {
  page_region Vec[256];
  pm_scan_arg A{};
  A.size = sizeof A;
  A.flags = PM_SCAN_WP_MATCHING | PM_SCAN_CHECK_WPASYNC;
  A.start = B;
  A.end = E;
  A.vec = uint64_t(reinterpret_cast<uintptr_t>(Vec));
  A.vec_len = sizeof Vec / sizeof Vec[0];
  A.category_inverted = PAGE_IS_PRESENT;
  A.category_anyof_mask = PAGE_IS_WRITTEN | PAGE_IS_PRESENT; // written, or not present
  A.return_mask = PAGE_IS_WRITTEN | PAGE_IS_PRESENT;
  for (;;) {
    long N = ioctl(Pagemap, PAGEMAP_SCAN, &A);
    if (N < 0)
      return false;
    for (long I = 0; I < N; ++I)
      for (uint64_t P = Vec[I].start / PageSize; P < Vec[I].end / PageSize; ++P)
        Out.push_back(P);
    if (A.walk_end >= E || N < long(A.vec_len))
      return true;
    A.start = A.walk_end; // the vector filled up: go on from where the walk stopped
  }
}

} // namespace

bool writeTrackingWorks() { return start(); }

std::vector<uint64_t> pagesMaybeChanged(const std::vector<uint64_t> &Watched,
                                        const std::vector<AddressRange> &Ranges) {
  if (!start() || Watched.empty())
    return Watched;
  registerNew(Ranges);
  std::vector<uint64_t> Changed;
  std::vector<AddressRange> Stale;
  size_t I = 0;
  while (I < Watched.size()) {
    uintptr_t Addr = uintptr_t(Watched[I] * PageSize);
    auto R = std::upper_bound(Registered.begin(), Registered.end(), Addr,
                              [](uintptr_t A, const AddressRange &X) { return A < X.Begin; });
    if (R == Registered.begin() || !(--R)->contains(Addr)) {
      Changed.push_back(Watched[I++]); // not tracked: compared
      continue;
    }
    // A span of watched pages close together, inside range R.
    size_t J = I + 1;
    while (J < Watched.size() && Watched[J] - Watched[J - 1] <= SpanGapPages &&
           R->contains(uintptr_t(Watched[J] * PageSize)))
      ++J;
    uintptr_t B = Addr, E = uintptr_t((Watched[J - 1] + 1) * PageSize);
    std::vector<uint64_t> Found;
    if (scan(B, E, Found)) {
      // Only the watched among them: Found is sorted, as is Watched.
      size_t F = 0;
      for (size_t K = I; K < J; ++K) {
        while (F < Found.size() && Found[F] < Watched[K])
          ++F;
        if (F < Found.size() && Found[F] == Watched[K])
          Changed.push_back(Watched[K]);
      }
    } else {
      // A mapping there was replaced since it was registered: compare.
      Changed.insert(Changed.end(), Watched.begin() + long(I), Watched.begin() + long(J));
      Stale.push_back(*R);
    }
    I = J;
  }
  if (!Stale.empty()) { // registered again: their pages count as written once more
    for (const AddressRange &S : Stale)
      Registered.erase(std::remove_if(Registered.begin(), Registered.end(),
                                      [&](const AddressRange &X) { return X.Begin == S.Begin; }),
                       Registered.end());
    registerNew(Ranges);
  }
  return Changed;
}

} // namespace distomp::rt
