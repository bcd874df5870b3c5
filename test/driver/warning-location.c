// Warnings name the source line even without -g: distomp-cc turns on clang's
// location tracking (no debug info is emitted).
// RUN: %distomp-cc -O2 -c %s -o %t.o 2>&1 | FileCheck %s
// RUN: llvm-readelf -S %t.o | FileCheck %s --check-prefix=NODEBUG
// CHECK: warning-location.c:[[@LINE+8]]:5: warning: distomp: inline assembly in a distributed parallel region cannot be followed
// CHECK: warning-location.c:[[@LINE+11]]:{{[0-9]+}}: warning: distomp: parallel region '{{.*}}' at {{.*}}warning-location.c:[[@LINE+10]] runs locally with libomp, not distributed: it uses task
// NODEBUG-NOT: .debug_info
#define log_value(x) __asm__ volatile("" : : "r"(x))
double a[100];
void f(void) {
#pragma omp parallel for
  for (int i = 0; i < 100; i++)
    log_value(a[i]);
}
void g(void) {
#pragma omp parallel
#pragma omp task
  a[0] = 1;
}
