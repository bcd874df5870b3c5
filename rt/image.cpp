//===- image.cpp - Where the executable lies in this process --------------===//
#include "image.h"

#include "distomp/abi.h"

#include <link.h>

extern "C" {
intptr_t __distomp_image_delta = 0;
}

namespace distomp::rt {
namespace {

ExecutableImage Exe;

int visitExecutable(dl_phdr_info *Info, size_t, void *) {
  // The first object dl_iterate_phdr reports is the executable.
  Exe.Base = Info->dlpi_addr;
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
void setImageDelta(intptr_t Delta) { __distomp_image_delta = Delta; }

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
