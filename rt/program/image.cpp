//===- image.cpp - Where the program's objects lie in this process -------===//
#include "program/image.h"

#include "process/diag.h"

#include "distomp/abi.h"

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <link.h>
#include <deque>
#include <mutex>
#include <sys/mman.h>
#include <unistd.h>

namespace distomp::rt {
namespace {

/// Every loaded object, the executable first. Read at start (one thread)
/// and again under the lock when a module of a new object registers.
std::mutex ObjectsLock;
std::deque<ExecutableImage> Objects; // stable references: only ever appended
/// The master's bases, kept for objects a later dlopen brings.
std::vector<std::pair<std::string, uint64_t>> MasterBases;

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

int visitObject(dl_phdr_info *Info, size_t, void *Out) {
  auto &List = *static_cast<std::vector<ExecutableImage> *>(Out);
  ExecutableImage Obj;
  Obj.Path = List.empty() ? "" : (Info->dlpi_name ? Info->dlpi_name : "");
  if (List.empty() && Objects.empty())
    readBuildId(Info); // the first object dl_iterate_phdr reports is the executable
  Obj.Base = Info->dlpi_addr;
  if (char *Real = Obj.Path.empty() ? nullptr : realpath(Obj.Path.c_str(), nullptr)) {
    Obj.RealPath = Real;
    free(Real);
  }
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
      Obj.ReadOnly.push_back({uintptr_t(P.p_vaddr), uintptr_t(P.p_offset), uintptr_t(P.p_filesz)});
    }
  }
  if (Hi)
    Obj.Image = {Lo, Hi};
  if (WHi)
    Obj.Writable = {WLo, WHi};
  List.push_back(std::move(Obj));
  return 0;
}

/// Gives Obj its delta from the master's bases, and its registered slot.
void applyMasterBase(ExecutableImage &Obj) {
  for (auto &[Path, Base] : MasterBases)
    if (Path == Obj.Path) {
      Obj.Delta = intptr_t(Base - Obj.Base);
      Obj.MasterHasIt = true;
      break;
    }
  if (Obj.DsoDelta)
    *Obj.DsoDelta = Obj.Delta;
}

/// Reads the objects again and adds those not seen yet.
void refreshObjects() {
  std::vector<ExecutableImage> Fresh;
  dl_iterate_phdr(visitObject, &Fresh);
  for (ExecutableImage &F : Fresh) {
    bool Known = false;
    for (const ExecutableImage &Old : Objects)
      Known = Known || (Old.Path == F.Path && Old.Base == F.Base);
    if (Known)
      continue;
    applyMasterBase(F);
    Objects.push_back(std::move(F));
  }
}

ExecutableImage *findObject(uintptr_t A) {
  for (ExecutableImage &O : Objects)
    if (O.Image.contains(A))
      return &O;
  return nullptr;
}

} // namespace

void readExecutableImage() {
  std::lock_guard<std::mutex> G(ObjectsLock);
  if (Objects.empty())
    refreshObjects();
}

const ExecutableImage &executableImage() {
  if (Objects.empty())
    readExecutableImage();
  return Objects.front();
}

std::vector<std::pair<std::string, uint64_t>> objectBases() {
  std::lock_guard<std::mutex> G(ObjectsLock);
  std::vector<std::pair<std::string, uint64_t>> Out;
  for (const ExecutableImage &O : Objects)
    Out.emplace_back(O.Path, O.Base);
  return Out;
}

void adoptMasterObjects(const std::vector<std::pair<std::string, uint64_t>> &Master) {
  std::lock_guard<std::mutex> G(ObjectsLock);
  MasterBases = Master;
  for (ExecutableImage &O : Objects)
    applyMasterBase(O);
}

void registerObjectDelta(intptr_t *Slot) {
  std::lock_guard<std::mutex> G(ObjectsLock);
  uintptr_t A = reinterpret_cast<uintptr_t>(Slot);
  ExecutableImage *O = findObject(A);
  if (!O) { // a library dlopen brought after the last reading
    refreshObjects();
    O = findObject(A);
  }
  if (!O)
    fatal("a DistOMP module's data at %p lies in no loaded object", static_cast<void *>(Slot));
  O->DsoDelta = Slot;
  *Slot = O->Delta;
}

bool isInstrumentedObject(const std::string &Path) {
  std::lock_guard<std::mutex> G(ObjectsLock);
  for (const ExecutableImage &O : Objects)
    if (O.DsoDelta && !O.RealPath.empty() && O.RealPath == Path)
      return true;
  return false;
}

// Objects are only added under the lock and the vector is read here without
// it: a reading races only with a dlopen of a DistOMP library, which reads
// the list again before its modules' code can run.
const ExecutableImage *objectAt(uintptr_t A) { return findObject(A); }

const ExecutableImage *objectAtMaster(uintptr_t A) {
  for (const ExecutableImage &O : Objects)
    if (O.MasterHasIt && A >= O.Image.Begin + O.Delta && A < O.Image.End + O.Delta)
      return &O;
  return nullptr;
}

uint64_t codeOffset(uintptr_t PC) {
  const ExecutableImage &Exe = executableImage();
  return Exe.Image.contains(PC) ? PC - Exe.Base : 0;
}

bool mirrorMasterConstants() {
  std::lock_guard<std::mutex> G(ObjectsLock);
  const uintptr_t Page = uintptr_t(sysconf(_SC_PAGESIZE));
  bool All = true;
  for (const ExecutableImage &O : Objects) {
    bool Ours = &O == &Objects.front() || O.DsoDelta;
    if (!Ours || O.Delta == 0 || !O.MasterHasIt)
      continue;
    int Fd = open(O.Path.empty() ? "/proc/self/exe" : O.Path.c_str(), O_RDONLY | O_CLOEXEC);
    if (Fd < 0) {
      All = false;
      continue;
    }
    for (const ExecutableImage::Segment &S : O.ReadOnly) {
      if (S.FileSize == 0)
        continue;
      uintptr_t At = O.Base + O.Delta + S.Vaddr;
      uintptr_t Skew = At & (Page - 1); // p_vaddr and p_offset agree modulo the page
      void *Want = reinterpret_cast<void *>(At - Skew);
      void *Got = mmap(Want, S.FileSize + Skew, PROT_READ, MAP_PRIVATE | MAP_FIXED_NOREPLACE,
                       Fd, off_t(S.FileOffset - Skew));
      if (Got != Want) {
        if (Got != MAP_FAILED)
          munmap(Got, S.FileSize + Skew);
        All = false;
      }
    }
    close(Fd);
  }
  return All;
}

std::string buildId() {
  if (BuildId.empty())
    BuildId = hashOfExecutable();
  return BuildId;
}

} // namespace distomp::rt

using namespace distomp::rt;

extern "C" void *__distomp_rebase_extern(void *Addr) {
  const ExecutableImage *O = objectAt(reinterpret_cast<uintptr_t>(Addr));
  if (!O || !O->DsoDelta || !O->Writable.contains(reinterpret_cast<uintptr_t>(Addr)))
    return Addr; // not the data of an object built by the pass: this process's own
  return static_cast<char *>(Addr) + O->Delta;
}
