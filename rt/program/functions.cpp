//===- functions.cpp - The program's functions and their versions ---------===//
#include "program/functions.h"
#include "process/diag.h"
#include "program/errno_guard.h"
#include "program/image.h"
#include "process/process.h"
#include "program/regions.h"
#include "home/symbols.h"
#include "team/team.h"

#include <cstring>
#include <dlfcn.h>
#include <mutex>
#include <shared_mutex>
#include <unordered_map>
#include <unordered_set>

namespace distomp::rt {
namespace {

struct Registry {
  std::shared_mutex Lock;
  std::unordered_map<const void *, const distomp_function *> ByOriginal;
  std::mutex DecisionLock;
  std::unordered_map<const distomp_region *, std::string> Decided; // "" : distributed
};

Registry &registry() {
  static Registry *R = new Registry; // lives past static destructors
  return *R;
}

const distomp_function *lookup(const void *Fn) {
  Registry &Reg = registry();
  std::shared_lock<std::shared_mutex> G(Reg.Lock);
  auto It = Reg.ByOriginal.find(Fn);
  return It == Reg.ByOriginal.end() ? nullptr : It->second;
}

/// Libraries of the system whose code reaches program data only through the
/// pointers it is given (kept coherent by the fault path) and never names the
/// program's globals: calling them from a worker is right as it is.
bool isSystemLibrary(const char *Path) {
  if (!Path)
    return false;
  const char *Base = std::strrchr(Path, '/');
  Base = Base ? Base + 1 : Path;
  static const char *const Known[] = {
      "libc.so",     "libm.so",        "libmvec.so", "libstdc++.so", "libgcc_s.so",
      "libpthread.so", "libdl.so",     "librt.so",   "ld-linux",     "libc++.so",
      "libc++abi.so", "libunwind.so", "libgfortran.so", "libquadmath.so", "linux-vdso",
  };
  for (const char *K : Known)
    if (std::strncmp(Base, K, std::strlen(K)) == 0)
      return true;
  return false;
}

bool inSystemLibrary(const void *Fn) {
  Dl_info Info{};
  return dladdr(Fn, &Info) && isSystemLibrary(Info.dli_fname);
}

/// Why the code at Fn (called directly from distributed code) cannot run in
/// a worker, or "" if it can; walks what it calls in turn.
std::string whyNot(const void *Fn, std::unordered_set<const void *> &Seen) {
  if (!Seen.insert(Fn).second)
    return "";
  const distomp_function *F = lookup(Fn);
  if (!F) {
    if (inSystemLibrary(Fn))
      return "";
    return "it calls " + nameOfCode(Fn) + ", which was not built with distomp-cc";
  }
  if (!F->instrumented)
    return "it calls '" + std::string(F->name) + "', which " +
           (F->reason ? F->reason : "cannot run distributed");
  for (uint64_t I = 0; I < F->num_callees; ++I)
    if (std::string Why = whyNot(F->callees[I], Seen); !Why.empty())
      return Why;
  return "";
}

/// The region this thread runs, for messages.
std::string currentRegion() {
  const distomp_region *R = team().Region;
  if (!R)
    return "a distributed parallel region";
  return "parallel " + describeRegion(*R);
}

/// The version of Fn (an address in this process) that distributed code
/// runs: the instrumented one, Fn itself for the system's libraries and in
/// the master (where uninstrumented code is right: it is the home), or a
/// stop with the reason in a worker.
void *versionFor(void *Fn, const char *How) {
  ErrnoGuard KeepErrno; // dladdr and the lock may set it
  if (const distomp_function *F = lookup(Fn); F && F->instrumented)
    return F->instrumented;
  if (!isWorkerProcess() || inSystemLibrary(Fn))
    return Fn;
  const distomp_function *F = lookup(Fn);
  fatal("%s calls %s%s, which has no instrumented version (%s): it cannot run in a worker; "
        "build it with distomp-cc, or keep the call out of parallel regions",
        currentRegion().c_str(), How, nameOfCode(Fn).c_str(),
        F && F->reason ? F->reason : "not built with distomp-cc");
}

} // namespace

void registerFunctions(const distomp_function *Functions, uint64_t Count) {
  Registry &Reg = registry();
  std::unique_lock<std::shared_mutex> G(Reg.Lock);
  for (uint64_t I = 0; I < Count; ++I)
    // An inline function defined in several units registers once per unit:
    // the first version serves (they were compiled from the same definition).
    Reg.ByOriginal.try_emplace(Functions[I].original, &Functions[I]);
}

std::string nameOfCode(const void *Fn) {
  Dl_info Info{};
  std::string S;
  uint64_t InExe = codeOffset(reinterpret_cast<uintptr_t>(Fn));
  if (dladdr(Fn, &Info) && Info.dli_sname)
    S = "'" + std::string(Info.dli_sname) + "'";
  else if (std::string Name = InExe ? describeCode(InExe) : ""; !Name.empty())
    S = "'" + Name + "'"; // the executable's .symtab: not exported
  else {
    char Buf[32];
    std::snprintf(Buf, sizeof Buf, "code at %p", Fn);
    S = Buf;
  }
  if (Info.dli_fname && *Info.dli_fname) {
    const char *Base = std::strrchr(Info.dli_fname, '/');
    S += std::string(" in ") + (Base ? Base + 1 : Info.dli_fname);
  }
  return S;
}

bool regionCanBeDistributed(const distomp_region &R, std::string &Why) {
  Registry &Reg = registry();
  std::lock_guard<std::mutex> G(Reg.DecisionLock);
  auto It = Reg.Decided.find(&R);
  if (It == Reg.Decided.end()) {
    std::unordered_set<const void *> Seen;
    std::string Reason;
    for (uint32_t I = 0; I < R.num_callees && Reason.empty(); ++I)
      Reason = whyNot(R.callees[I], Seen);
    It = Reg.Decided.emplace(&R, Reason).first;
  }
  Why = It->second;
  return Why.empty();
}

} // namespace distomp::rt

using namespace distomp::rt;

extern "C" void *__distomp_resolve_call(void *Fn) { return versionFor(Fn, ""); }

extern "C" void *__distomp_translate_code(void *Fn) {
  // Indirect calls sit in loops (comparators, callbacks): each thread keeps
  // its last answers. Registrations only add; one a later dlopen brings is
  // not seen by a thread that asked before, which in the master runs the
  // code as it is (right there: it is the home), and a worker stops at the
  // first ask.
  struct Entry {
    void *From = nullptr, *To = nullptr;
  };
  thread_local Entry Cache[16];
  Entry &E = Cache[(reinterpret_cast<uintptr_t>(Fn) >> 4) & 15];
  if (E.From == Fn && Fn)
    return E.To;
  // A code address from shared memory is the master's: the same object here
  // lies moved by its delta.
  void *Local = Fn;
  uintptr_t A = reinterpret_cast<uintptr_t>(Fn);
  if (isWorkerProcess())
    if (const ExecutableImage *O = objectAtMaster(A))
      Local = reinterpret_cast<void *>(A - O->Delta);
  void *To = versionFor(Local, "(indirectly) ");
  E = {Fn, To};
  return To;
}
