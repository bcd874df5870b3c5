// The master keeps data at a fixed address; a worker started for the first
// time has its own memory there (its constructor maps it, as a library of its
// own or its stack could by chance), so it cannot mirror the master's memory.
// It must leave, start again with a fresh layout and rejoin: the team keeps
// its size in every region and the output is native OpenMP's.
#include <omp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#define AT ((void *)0x2a0000000000ull)
#define BYTES (1 << 20)

__attribute__((constructor)) static void occupy_in_first_start_of_worker(void) {
  const char *Role = getenv("DISTOMP_ROLE");
  const char *Restarts = getenv("DISTOMP_RESTARTS");
  if (Role && !strcmp(Role, "worker") && (!Restarts || !strcmp(Restarts, "0")))
    mmap(AT, BYTES, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE,
         -1, 0);
}

int main(void) {
  long *Data = mmap(AT, BYTES, PROT_READ | PROT_WRITE,
                    MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
  if (Data != AT) {
    printf("cannot map the test's data\n");
    return 1;
  }
  size_t N = BYTES / sizeof(long);
  for (int Round = 0; Round < 3; ++Round) {
    int Team = 0;
#pragma omp parallel
    {
#pragma omp single
      Team = omp_get_num_threads();
#pragma omp for schedule(static)
      for (size_t I = 0; I < N; ++I)
        Data[I] += (long)I * (Round + 1) + omp_get_thread_num();
    }
    long Sum = 0;
    for (size_t I = 0; I < N; ++I)
      Sum += Data[I];
    printf("round %d: team of %d, sum %ld\n", Round, Team, Sum);
  }
  return 0;
}
