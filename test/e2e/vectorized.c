// Optimized vector code (AVX2: wide loads and stores, masked and gathered
// accesses from the loop vectorizer) through the instrumented path.
// RUN: %compare --opt=-O3 --cflags=-march=x86-64-v3 %s
// RUN: %distomp-cc -O3 -march=x86-64-v3 -S -emit-llvm %s -o - | FileCheck %s
// CHECK: load <{{[0-9]+}} x
#include <stdio.h>

#define N 20000
float x[N], y[N];
int idx[N];
double out[N];

int main(void) {
  for (int i = 0; i < N; i++) {
    x[i] = (i % 113) * 0.25f;
    idx[i] = (i * 7919) % N;
  }
#pragma omp parallel for
  for (int i = 0; i < N; i++)
    y[i] = 2.0f * x[i] + 1.0f;
#pragma omp parallel for
  for (int i = 0; i < N; i++)
    out[i] = x[idx[i]] + (i & 1 ? y[i] : 0.0f);
  double s = 0;
  for (int i = 0; i < N; i++)
    s += out[i];
  printf("%.2f %.2f\n", s, y[N - 1]);
  return 0;
}
