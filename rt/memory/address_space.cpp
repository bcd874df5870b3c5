//===- address_space.cpp - The master's memory, mirrored in every worker --===//
#include "memory/address_space.h"
#include "process/diag.h"
#include "program/image.h"
#include "memory/shadow.h"

#include "distomp/abi.h"

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <atomic>
#include <dlfcn.h>
#include <malloc.h>
#include <map>
#include <mutex>
#include <string>
#include <sys/mman.h>
#include <unistd.h>

#ifndef MAP_FIXED_NOREPLACE
#define MAP_FIXED_NOREPLACE 0x100000
#endif

namespace distomp::rt {
namespace {

constexpr uintptr_t PageMask = DISTOMP_PAGE_SIZE - 1;

std::string executablePath() {
  char Buf[4096];
  ssize_t N = readlink("/proc/self/exe", Buf, sizeof Buf - 1);
  return N > 0 ? std::string(Buf, size_t(N)) : std::string();
}

bool inShadowTable(uintptr_t B, uintptr_t E) {
  return B < DISTOMP_SHADOW_OFFSET + DISTOMP_SHADOW_SIZE && E > DISTOMP_SHADOW_OFFSET;
}

/// Ranges whose part of the shadow table is writable, Begin -> End,
/// disjoint: in a worker, the mirrored (reserved) ranges; in the master, the
/// ranges armed for its first writes (armMasterRanges).
std::mutex ShadowedLock;
std::map<uintptr_t, uintptr_t> Shadowed;

/// The parts of [B, E) not in Shadowed yet. Caller holds ShadowedLock.
std::vector<AddressRange> unshadowedGaps(uintptr_t B, uintptr_t E) {
  std::vector<AddressRange> Gaps;
  uintptr_t Cur = B;
  auto It = Shadowed.upper_bound(B);
  if (It != Shadowed.begin() && std::prev(It)->second > B)
    --It;
  for (; It != Shadowed.end() && It->first < E; ++It) {
    if (It->first > Cur)
      Gaps.push_back({Cur, It->first});
    Cur = std::max(Cur, It->second);
  }
  if (Cur < E)
    Gaps.push_back({Cur, E});
  return Gaps;
}

/// Makes the table's pages for Gap writable, sets them to State and records
/// Gap in Shadowed. Caller holds ShadowedLock.
void shadowGap(AddressRange Gap, uint8_t State) {
  writeShadow(Gap.Begin, Gap.End, State);
  Shadowed[Gap.Begin] = Gap.End;
}

/// Coalesces neighbours so lookups stay short. Caller holds ShadowedLock.
void coalesceShadowed() {
  for (auto It = Shadowed.begin(); It != Shadowed.end();) {
    auto Next = std::next(It);
    if (Next != Shadowed.end() && Next->first == It->second) {
      It->second = Next->second;
      Shadowed.erase(Next);
    } else {
      ++It;
    }
  }
}

bool inShadowed(uintptr_t Addr) {
  std::lock_guard<std::mutex> G(ShadowedLock);
  auto It = Shadowed.upper_bound(Addr);
  return It != Shadowed.begin() && Addr < std::prev(It)->second;
}

} // namespace

namespace {

/// Counts the program's own mmap family calls (glibc's malloc maps memory
/// without going through these, and shows in mallinfo2 instead).
std::atomic<uint64_t> UserMappings{0};

/// Changes whenever the set of mappings may have changed; reading
/// /proc/self/maps costs far more than this.
struct Layout {
  uint64_t Mappings = ~0ull;
  size_t Arena = 0, MappedBytes = 0, MappedBlocks = 0;
  uintptr_t HeapTop = 0;
  bool operator==(const Layout &O) const {
    return Mappings == O.Mappings && Arena == O.Arena && MappedBytes == O.MappedBytes &&
           MappedBlocks == O.MappedBlocks && HeapTop == O.HeapTop;
  }
};

Layout currentLayout() {
  struct mallinfo2 M = mallinfo2();
  return {UserMappings.load(), M.arena, M.hblkhd, M.hblks,
          reinterpret_cast<uintptr_t>(sbrk(0))};
}

} // namespace

std::vector<AddressRange> listMasterRanges() {
  // Reuse the last listing while the layout is unchanged and the caller's
  // stack pointer lies in it: the main stack grows, and threads start,
  // without a mapping call the layout counts. (Any thread's stack will do:
  // the home thread and the team's helpers call this too, and requiring the
  // stack of the last caller made each of them read /proc/self/maps again.)
  static std::mutex CacheLock;
  static Layout Cached;
  static std::vector<AddressRange> CachedRanges;
  uintptr_t Sp = reinterpret_cast<uintptr_t>(__builtin_frame_address(0));
  Layout Now = currentLayout();
  {
    std::lock_guard<std::mutex> G(CacheLock);
    if (Now == Cached && inAnyRange(CachedRanges, Sp))
      return CachedRanges;
  }
  AddressRange Stack;
  std::vector<AddressRange> Fresh = readMasterRanges(Sp, Stack);
  std::lock_guard<std::mutex> G(CacheLock);
  Cached = Now;
  CachedRanges = Fresh;
  return Fresh;
}

std::vector<AddressRange> readMasterRanges(uintptr_t Sp, AddressRange &StackOut) {
  static const std::string Exe = executablePath();
  std::vector<AddressRange> Out;
  FILE *F = std::fopen("/proc/self/maps", "r");
  if (!F)
    fatal("cannot read /proc/self/maps: %s", std::strerror(errno));
  char Line[4608];
  while (std::fgets(Line, sizeof Line, F)) {
    unsigned long Lo, Hi;
    char Perms[8] = "", Path[4096] = "";
    if (std::sscanf(Line, "%lx-%lx %7s %*s %*s %*s %4095[^\n]", &Lo, &Hi, Perms, Path) < 3)
      continue;
    if (std::strcmp(Perms, "rw-p") != 0 || inShadowTable(Lo, Hi))
      continue;
    // Anonymous memory, the heap, the stack, the executable's own data and
    // that of libraries built by the pass. Other libraries' data stays each
    // process's own.
    bool Take = !*Path || !std::strcmp(Path, "[heap]") || !std::strcmp(Path, "[stack]") ||
                Exe == Path || isInstrumentedObject(Path);
    if (!Take)
      continue;
    if (Lo <= Sp && Sp < Hi)
      StackOut = {Lo, Hi};
    if (!Out.empty() && Out.back().End == Lo)
      Out.back().End = Hi;
    else
      Out.push_back({Lo, Hi});
  }
  std::fclose(F);
  return Out;
}

void setShadow(uintptr_t Begin, uintptr_t End, uint8_t State) {
  uint8_t *SB = shadowFor(reinterpret_cast<void *>(Begin));
  uint8_t *SE = shadowFor(reinterpret_cast<void *>(End - 1)) + 1;
  std::memset(SB, State, size_t(SE - SB));
}

void writeShadow(uintptr_t Begin, uintptr_t End, uint8_t State) {
  uintptr_t SB =
      reinterpret_cast<uintptr_t>(shadowFor(reinterpret_cast<void *>(Begin))) & ~PageMask;
  uintptr_t SE =
      (reinterpret_cast<uintptr_t>(shadowFor(reinterpret_cast<void *>(End - 1))) + 1 + PageMask) &
      ~PageMask;
  if (mprotect(reinterpret_cast<void *>(SB), SE - SB, PROT_READ | PROT_WRITE) != 0)
    fatal("cannot make the page-state table writable: %s", std::strerror(errno));
  setShadow(Begin, End, State);
}

bool adoptMasterRanges(const std::vector<AddressRange> &Ranges, std::string &Conflict) {
  std::lock_guard<std::mutex> G(ShadowedLock);
  for (AddressRange R : Ranges) {
    uintptr_t B = R.Begin & ~PageMask, E = (R.End + PageMask) & ~PageMask;
    for (AddressRange Gap : unshadowedGaps(B, E)) {
      void *Want = reinterpret_cast<void *>(Gap.Begin);
      size_t Size = Gap.End - Gap.Begin;
      void *Got = mmap(Want, Size, PROT_NONE,
                       MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE | MAP_FIXED_NOREPLACE, -1, 0);
      if (Got != Want) {
        if (Got != MAP_FAILED)
          munmap(Got, Size);
        char Where[64];
        std::snprintf(Where, sizeof Where, "[%p, %p)", Want, reinterpret_cast<void *>(Gap.End));
        Conflict = std::string("the master's memory at ") + Where + " is " +
                   mappingNameAt(Gap.Begin, Gap.End) + " in this worker";
        coalesceShadowed();
        return false;
      }
      shadowGap(Gap, DISTOMP_PAGE_INVALID);
    }
  }
  coalesceShadowed();
  return true;
}

std::vector<AddressRange> armMasterRanges(const std::vector<AddressRange> &Ranges) {
  std::vector<AddressRange> Armed;
  std::lock_guard<std::mutex> G(ShadowedLock);
  for (AddressRange R : Ranges)
    for (AddressRange Gap : unshadowedGaps(R.Begin & ~PageMask, (R.End + PageMask) & ~PageMask)) {
      shadowGap(Gap, DISTOMP_PAGE_READONLY);
      Armed.push_back(Gap);
    }
  coalesceShadowed();
  return Armed;
}

bool isArmed(uintptr_t Addr) { return inShadowed(Addr); }

void disarmRange(uintptr_t Begin, uintptr_t End) {
  std::lock_guard<std::mutex> G(ShadowedLock);
  for (const auto &[B, E] : Shadowed)
    if (B < End && E > Begin)
      setShadow(std::max(B, Begin), std::min(E, End), DISTOMP_PAGE_WRITABLE);
}

std::string mappingNameAt(uintptr_t B, uintptr_t E) {
  FILE *F = std::fopen("/proc/self/maps", "r");
  if (!F)
    return "memory of its own";
  char Line[512];
  std::string Found = "memory of its own";
  while (std::fgets(Line, sizeof Line, F)) {
    unsigned long Lo, Hi;
    char Path[400] = "";
    if (std::sscanf(Line, "%lx-%lx %*s %*s %*s %*s %399[^\n]", &Lo, &Hi, Path) < 2)
      continue;
    if (Lo < E && Hi > B) {
      Found = *Path ? Path : "an anonymous mapping";
      break;
    }
  }
  std::fclose(F);
  return Found;
}

bool isMirrored(uintptr_t Addr) { return inShadowed(Addr); }

} // namespace distomp::rt

// The mmap family, interposed only to count the program's own calls.
using namespace distomp::rt;
extern "C" {
__attribute__((visibility("default"))) void *mmap(void *A, size_t L, int P, int F, int Fd, off_t O) {
  static auto Real = reinterpret_cast<void *(*)(void *, size_t, int, int, int, off_t)>(
      dlsym(RTLD_NEXT, "mmap"));
  ++UserMappings;
  return Real(A, L, P, F, Fd, O);
}
__attribute__((visibility("default"))) int munmap(void *A, size_t L) {
  static auto Real = reinterpret_cast<int (*)(void *, size_t)>(dlsym(RTLD_NEXT, "munmap"));
  ++UserMappings;
  return Real(A, L);
}
}
