// The pass runs in clang's pipeline at every optimization level (it is
// required), and takes the region at each.
// RUN: %distomp-cc -O0 -S -emit-llvm %s -o - | FileCheck %s
// RUN: %distomp-cc -O1 -S -emit-llvm %s -o - | FileCheck %s
// RUN: %distomp-cc -O2 -S -emit-llvm %s -o - | FileCheck %s
// RUN: %distomp-cc -O3 -S -emit-llvm %s -o - | FileCheck %s
// RUN: %distomp-cc -Os -S -emit-llvm %s -o - | FileCheck %s
// CHECK: call void @__distomp_fork_call(
// CHECK-NOT: call {{.*}}@__kmpc_fork_call
// CHECK: call void @__distomp_for_static_init_4(
double a[1000];
void scale(double f) {
#pragma omp parallel for
  for (int i = 0; i < 1000; i++)
    a[i] *= f;
}
