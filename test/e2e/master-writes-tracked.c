// The master changes pages the workers hold, between regions and inside
// them, every way a program does: plain stores, memset, read(2) and fread
// into them (the kernel writes), madvise(MADV_DONTNEED) (the page reads as
// zeros afterwards, with no write at all), a region's `masked` block, on the
// heap and in globals. Each region reads everything the master changed, so a
// worker that kept a stale copy prints another sum. The home finds these
// writes by comparing held pages with their snapshots, only those the kernel
// says were written or are not present where it can say (write tracking),
// every page where it cannot: both ways here.
// RUN: %compare --procs 1,2,4 --threads 1,2 --env DISTOMP_PLACEMENT=distribute %s
// RUN: %compare --procs 2,4 --env DISTOMP_PLACEMENT=distribute --env DISTOMP_WRITE_TRACKING=0 %s
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#define N (64 * 1024) // longs: 128 pages
long global_data[N] = {1};
long global_bss[N];

static long sum(const long *a) {
  long s = 0;
#pragma omp parallel for reduction(+ : s) schedule(static)
  for (int i = 0; i < N; i++)
    s += a[i] * (i % 7 + 1);
  return s;
}

int main(void) {
  long *heap = aligned_alloc(4096, N * sizeof(long));
  for (int i = 0; i < N; i++)
    heap[i] = global_data[i] = global_bss[i] = i;
  long *arrays[] = {heap, global_data, global_bss};
  for (int round = 0; round < 6; round++) {
    for (int k = 0; k < 3; k++) {
      long *a = arrays[k];
      printf("round %d array %d: %ld\n", round, k, sum(a)); // the workers now hold it
      switch (round) {
      case 0: // one store per page, then a few scattered ones
        for (int i = 0; i < N; i += 512)
          a[i] += 3;
        a[N / 2 + 1] = -5;
        break;
      case 1:
        memset(a + N / 4, 0, 4096 * 3);
        break;
      case 2: { // the kernel writes: a pipe read into the array
        int fd[2];
        if (pipe(fd) != 0)
          return 1;
        long v[512];
        for (int i = 0; i < 512; i++)
          v[i] = 1000 + i;
        if (write(fd[1], v, sizeof v) != (ssize_t)sizeof v ||
            read(fd[0], a + 3 * 512, sizeof v) != (ssize_t)sizeof v)
          return 1;
        close(fd[0]);
        close(fd[1]);
        break;
      }
      case 3: { // fread from a file
        FILE *f = tmpfile();
        long v[1024];
        for (int i = 0; i < 1024; i++)
          v[i] = 7 * i;
        fwrite(v, sizeof v, 1, f);
        rewind(f);
        if (fread(a + 9 * 512, sizeof v, 1, f) != 1)
          return 1;
        fclose(f);
        break;
      }
      case 4: // the pages read as zeros afterwards (heap only: data and
              // bss would read the file's bytes)
        if (k == 0)
          madvise(a + 20 * 512, 4 * 4096, MADV_DONTNEED);
        else
          a[20 * 512] = 11;
        break;
      case 5: { // inside a region: the master's own block, then a barrier
        long mine = 0;
#pragma omp parallel
        {
#pragma omp masked
          for (int i = 0; i < N; i += 256)
            a[i] = -i;
#pragma omp barrier
#pragma omp for reduction(+ : mine)
          for (int i = 0; i < N; i++)
            mine += a[i];
        }
        printf("inside: %ld\n", mine);
        break;
      }
      }
    }
  }
  for (int k = 0; k < 3; k++)
    printf("final %d: %ld\n", k, sum(arrays[k]));
  free(heap);
  return 0;
}
