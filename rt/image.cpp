//===- image.cpp - Where the executable lies in this process --------------===//
#include "image.h"

#include "distomp/abi.h"

#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <link.h>
#include <sys/mman.h>
#include <unistd.h>

extern "C" {
intptr_t __distomp_image_delta = 0;
}

namespace distomp::rt {
namespace {

ExecutableImage Exe;

std::string BuildId;

void readBuildId(dl_phdr_info *Info) {
  for (int I = 0; I < Info->dlpi_phnum; ++I) {
    const ElfW(Phdr) &P = Info->dlpi_phdr[I];
    if (P.p_type != PT_NOTE)
      continue;
    const char *Note = reinterpret_cast<const char *>(Info->dlpi_addr + P.p_vaddr);
    const char *End = Note + P.p_memsz;
    while (Note + sizeof(ElfW(Nhdr)) <= End) {
      const auto *N = reinterpret_cast<const ElfW(Nhdr) *>(Note);
      const char *Name = Note + sizeof(ElfW(Nhdr));
      const unsigned char *Desc =
          reinterpret_cast<const unsigned char *>(Name + ((N->n_namesz + 3) & ~3u));
      if (N->n_type == NT_GNU_BUILD_ID && N->n_namesz == 4 && std::memcmp(Name, "GNU", 4) == 0) {
        static const char *Hex = "0123456789abcdef";
        for (unsigned J = 0; J < N->n_descsz; ++J) {
          BuildId += Hex[Desc[J] >> 4];
          BuildId += Hex[Desc[J] & 15];
        }
        return;
      }
      Note = reinterpret_cast<const char *>(Desc) + ((N->n_descsz + 3) & ~3u);
    }
  }
}

/// FNV-1a of the executable's file, for binaries linked without a build-id.
std::string hashOfExecutable() {
  FILE *F = std::fopen("/proc/self/exe", "rb");
  if (!F)
    return "unknown";
  uint64_t H = 0xcbf29ce484222325ull;
  unsigned char Buf[65536];
  size_t N;
  while ((N = std::fread(Buf, 1, sizeof Buf, F)) > 0)
    for (size_t I = 0; I < N; ++I)
      H = (H ^ Buf[I]) * 0x100000001b3ull;
  std::fclose(F);
  char Out[32];
  std::snprintf(Out, sizeof Out, "fnv-%016llx", (unsigned long long)H);
  return Out;
}

int visitExecutable(dl_phdr_info *Info, size_t, void *) {
  // The first object dl_iterate_phdr reports is the executable.
  Exe.Base = Info->dlpi_addr;
  readBuildId(Info);
  uintptr_t Lo = UINTPTR_MAX, Hi = 0, WLo = UINTPTR_MAX, WHi = 0;
  for (int I = 0; I < Info->dlpi_phnum; ++I) {
    const ElfW(Phdr) &P = Info->dlpi_phdr[I];
    if (P.p_type != PT_LOAD)
      continue;
    uintptr_t B = Info->dlpi_addr + P.p_vaddr, E = B + P.p_memsz;
    Lo = B < Lo ? B : Lo;
    Hi = E > Hi ? E : Hi;
    if (P.p_flags & PF_W) {
      WLo = B < WLo ? B : WLo;
      WHi = E > WHi ? E : WHi;
    } else {
      Exe.ReadOnly.push_back({uintptr_t(P.p_vaddr), uintptr_t(P.p_offset), uintptr_t(P.p_filesz)});
    }
  }
  if (Hi)
    Exe.Image = {Lo, Hi};
  if (WHi)
    Exe.Writable = {WLo, WHi};
  return 1; // stop after the executable
}

} // namespace

void readExecutableImage() { dl_iterate_phdr(visitExecutable, nullptr); }
const ExecutableImage &executableImage() { return Exe; }

uint64_t codeOffset(uintptr_t PC) { return Exe.Image.contains(PC) ? PC - Exe.Base : 0; }
void setImageDelta(intptr_t Delta) { __distomp_image_delta = Delta; }

bool mirrorMasterConstants() {
  if (__distomp_image_delta == 0)
    return true;
  int Fd = open("/proc/self/exe", O_RDONLY | O_CLOEXEC);
  if (Fd < 0)
    return false;
  const uintptr_t Page = uintptr_t(sysconf(_SC_PAGESIZE));
  bool All = true;
  for (const ExecutableImage::Segment &S : Exe.ReadOnly) {
    if (S.FileSize == 0)
      continue;
    uintptr_t At = Exe.Base + __distomp_image_delta + S.Vaddr;
    uintptr_t Skew = At & (Page - 1); // p_vaddr and p_offset agree modulo the page
    void *Want = reinterpret_cast<void *>(At - Skew);
    void *Got = mmap(Want, S.FileSize + Skew, PROT_READ, MAP_PRIVATE | MAP_FIXED_NOREPLACE, Fd,
                     off_t(S.FileOffset - Skew));
    if (Got != Want) {
      if (Got != MAP_FAILED)
        munmap(Got, S.FileSize + Skew);
      All = false;
    }
  }
  close(Fd);
  return All;
}

std::string buildId() {
  if (BuildId.empty())
    BuildId = hashOfExecutable();
  return BuildId;
}

} // namespace distomp::rt

using distomp::rt::executableImage;

extern "C" void *__distomp_rebase_extern(void *Addr) {
  uintptr_t A = reinterpret_cast<uintptr_t>(Addr);
  if (!executableImage().Writable.contains(A))
    return Addr; // a shared library's variable: this process's own
  return reinterpret_cast<void *>(A + __distomp_image_delta);
}

extern "C" void *__distomp_translate_code(void *Fn) {
  // A code address from shared memory is the master's; the master's image is
  // this process's image moved by the delta.
  uintptr_t A = reinterpret_cast<uintptr_t>(Fn);
  const distomp::rt::AddressRange &Own = executableImage().Image;
  distomp::rt::AddressRange Master{Own.Begin + __distomp_image_delta,
                                   Own.End + __distomp_image_delta};
  if (__distomp_image_delta == 0 || !Master.contains(A))
    return Fn;
  return reinterpret_cast<void *>(A - __distomp_image_delta);
}
