// distomp-cc compiles without location tracking and compiles again with it
// only when the pass has warnings to give. Either way each diagnostic shows
// exactly once, with its line, and the exit status is clang's.
//
// A distomp warning and a clang warning: both once, the distomp one located.
// RUN: %distomp-cc -Wall -O2 -c %s -o %t.o 2>&1 | FileCheck %s --check-prefix=BOTH
// BOTH-COUNT-1: warning: unused variable 'unused'
// BOTH-NOT: unused variable
// RUN: %distomp-cc -Wall -O2 -c %s -o %t.o 2>&1 | FileCheck %s --check-prefix=LOCATED
// LOCATED: deferred-locations.c:[[@LINE+23]]:5: warning: distomp: inline assembly in a distributed parallel region
//
// Only a clang warning: shown once (from the held first run).
// RUN: %distomp-cc -Wall -DNO_SINK -O2 -c %s -o %t.o 2>&1 | FileCheck %s --check-prefix=CLANGONLY
// CLANGONLY-COUNT-1: warning: unused variable 'unused'
// CLANGONLY-NOT: distomp
//
// A compile error: reported once, non-zero status.
// RUN: not %distomp-cc -DBROKEN -c %s -o %t.o 2>&1 | FileCheck %s --check-prefix=ERROR
// ERROR-COUNT-1: error: use of undeclared identifier 'nonsense'
// ERROR-NOT: error:
#define sink(x) __asm__ volatile("" : : "r"(x))
double a[64];
void f(void) {
  int unused;
#ifdef BROKEN
  nonsense = 1;
#endif
#pragma omp parallel for
  for (int i = 0; i < 64; i++)
#ifdef NO_SINK
    a[i] = i;
#else
    sink(a[i]);
#endif
}
// Output to stdout is not doubled by the second compilation.
// RUN: %distomp-cc -O2 -S -emit-llvm %s -o - 2>/dev/null | FileCheck %s --check-prefix=STDOUT
// STDOUT-COUNT-1: define {{.*}} @f()
// STDOUT-NOT: define {{.*}} @f()
// -Rpass and a later -g0 still mean clang tracks locations: one compilation,
// warnings located.
// RUN: %distomp-cc -Rpass=nothing -g0 -O2 -c %s -o %t.o 2>&1 | FileCheck %s --check-prefix=LOCATED
