// Unusual shapes: eighteen captured scalars, a firstprivate struct wider than a
// slot, a VLA, goto inside the loop body, a static local in a helper, and a
// long double reduction (a libatomic call: that region stays local).
// RUN: %compare --allow-local-regions --allow-warnings --cflags=-latomic %s
#include <stdio.h>
#include <string.h>
typedef struct { double m[16]; int tag; } big_t;
static long counter(void) { static long calls; return ++calls; }
int main(int argc, char **argv) {
  (void)argv;
  int a=1,b=2,c=3,d=4,e=5,f=6,g=7,h=8,i0=9,j=10,k=11,l=12,m=13,n=14,o=15,p=16,q=17,r=18;
  long s = 0;
  int len = 100 + argc;
  double vla[len];
  long double ld = 0.5L, acc = 0;
  big_t bt; memset(&bt, 0, sizeof bt); bt.m[5] = 2.5; bt.tag = 3;
  #pragma omp parallel for reduction(+:s) firstprivate(bt)
  for (int x = 0; x < len; x++) {
    vla[x] = x * bt.m[5];
    s += a+b+c+d+e+f+g+h+i0+j+k+l+m+n+o+p+q+r + bt.tag;
    if (x % 7 == 3) goto skip;
    s += x;
  skip:;
  }
  #pragma omp parallel for reduction(+:acc)
  for (int x = 0; x < 100; x++) acc += ld * x;
  long calls = 0;
  #pragma omp parallel for reduction(+:calls) num_threads(1)
  for (int x = 0; x < 10; x++) calls += counter() > 0;
  double t = 0; for (int x = 0; x < len; x++) t += vla[x];
  printf("%ld %.2f %.3Lf %ld\n", s, t, acc, calls);
}
