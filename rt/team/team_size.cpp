//===- team_size.cpp - How many threads the program asks for --------------===//
//
// OpenMP's thread-count ICVs for the distributed team. nthreads-var starts
// as OMP_NUM_THREADS's first entry (or, unset, every thread of every
// process: the team the job was started for) and omp_set_num_threads in
// serial code changes it; a num_threads clause asks for one region; and
// OMP_THREAD_LIMIT bounds them all. A team is never larger than what the
// program asked for, and gets that many threads wherever it is spread
// (coordinator/TeamFormation.cpp): some processes idle when it asks for
// fewer, processes run more threads than configured when it asks for more.
//
// The runtime takes over omp_set_num_threads and omp_get_max_threads for the
// whole program (libdistomp.so is found before libomp): serial code, and
// units the pass never saw, see the distributed team's size. Each call is
// passed on to libomp too, so regions that run with libomp (native
// fallbacks, constructs kept local) size their teams the same way.
//
//===----------------------------------------------------------------------===//
#include "team/team.h"
#include "process/config.h"

#include <atomic>
#include <dlfcn.h>

extern "C" int omp_in_parallel(void);

namespace distomp::rt {
namespace {

/// 0 while neither OMP_NUM_THREADS nor omp_set_num_threads has asked.
std::atomic<int> NThreadsVar{-1};

int nthreadsVar() {
  int V = NThreadsVar.load(std::memory_order_relaxed);
  if (V < 0) {
    V = threadCountEntry("OMP_NUM_THREADS");
    NThreadsVar.store(V, std::memory_order_relaxed);
  }
  return V;
}

uint32_t threadLimit() {
  static const int Limit = threadCountEntry("OMP_THREAD_LIMIT");
  return Limit > 0 ? uint32_t(Limit) : UINT32_MAX;
}

template <typename Fn> Fn libomp(const char *Name) {
  return reinterpret_cast<Fn>(dlsym(RTLD_NEXT, Name));
}

} // namespace

uint32_t requestedTeamSize(int32_t NumThreadsClause) {
  uint32_t Want = NumThreadsClause > 0 ? uint32_t(NumThreadsClause)
                  : nthreadsVar() > 0  ? uint32_t(nthreadsVar())
                                       : defaultTeamSize();
  return Want < threadLimit() ? Want : threadLimit();
}

uint32_t innerMaxThreads() {
  static const int Nested = threadCountEntry("OMP_NUM_THREADS", 1);
  uint32_t V = Nested > 0 ? uint32_t(Nested) : requestedTeamSize(0);
  return V < threadLimit() ? V : threadLimit();
}

} // namespace distomp::rt

using namespace distomp::rt;

extern "C" {

__attribute__((visibility("default"))) void omp_set_num_threads(int N) {
  static auto *Real = libomp<void (*)(int)>("omp_set_num_threads");
  if (N > 0 && !team().Active && !omp_in_parallel())
    NThreadsVar.store(N, std::memory_order_relaxed);
  if (Real)
    Real(N);
}

__attribute__((visibility("default"))) int omp_get_max_threads(void) {
  static auto *Real = libomp<int (*)(void)>("omp_get_max_threads");
  if (omp_in_parallel() && Real)
    return Real(); // inside a region libomp runs: its answer
  return __distomp_omp_get_max_threads();
}

} // extern "C"
