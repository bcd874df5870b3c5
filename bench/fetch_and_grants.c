// Page fetches and chunk grants: a 32 MiB array read one byte per page by a
// static loop (the worker fetches its half from the home), then 20000 empty
// chunks handed out one at a time. Run with DISTOMP_NUM_PROCS=2 DISTOMP_STATS=1.
#include <stdio.h>
#include <stdlib.h>
#include <omp.h>
#define N (32 << 20)
int main(){ char *a = malloc(N); for (long i=0;i<N;i++) a[i]=(char)i; long s=0;
double t=omp_get_wtime();
#pragma omp parallel for schedule(static) reduction(+:s)
for (long i=0;i<N;i+=4096) s+=a[i];
double t1=omp_get_wtime();
long c=0;
#pragma omp parallel for schedule(dynamic,1) reduction(+:c)
for (int i=0;i<20000;i++) c+=i&1;
double t2=omp_get_wtime();
fprintf(stderr,"fetch region %.3f s for %d pages; 20000 chunks in %.3f s\n",t1-t,N/4096,t2-t1); printf("%ld %ld\n",s,c); return 0;}
