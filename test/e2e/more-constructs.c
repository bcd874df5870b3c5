// Constructs beyond plain loops: a declared reduction on a struct, sections,
// threadprivate with copyin, parallel for simd, a firstprivate struct.
// RUN: %compare %s
#include <stdio.h>
#include <omp.h>
#include <string.h>
int tp; 
#pragma omp threadprivate(tp)
typedef struct { double re, im; } cplx;
#pragma omp declare reduction(cadd : cplx : omp_out.re += omp_in.re, omp_out.im += omp_in.im) initializer(omp_priv = (cplx){0,0})
int ord[100]; int on;
int main(void){
  cplx c = {0,0};
  #pragma omp parallel for reduction(cadd:c)
  for (int i=0;i<1000;i++){ c.re += i; c.im -= i*0.5; }
  int a=0,b=0;
  #pragma omp parallel sections
  { 
    #pragma omp section
    a = 5;
    #pragma omp section
    b = 7;
  }
  for (int i=0;i<100;i++) ord[i] = i;
  int okk = 1;
  tp = 3;
  int s = 0;
  #pragma omp parallel copyin(tp) reduction(+:s)
  s += tp;
  double t0 = omp_get_wtime();
  #pragma omp parallel for simd
  for (int i=0;i<100;i++) ord[i]*=2;
  struct big { double v[8]; } bg; memset(&bg,0,sizeof bg); bg.v[3]=2;
  double r=0;
  #pragma omp parallel for firstprivate(bg) reduction(+:r)
  for (int i=0;i<10;i++) r += bg.v[3];
  printf("%.1f %.1f %d %d %d %d %d %.1f %d\n", c.re, c.im, a, b, okk, s==3*omp_get_max_threads(), ord[99], r, t0>0);
}
