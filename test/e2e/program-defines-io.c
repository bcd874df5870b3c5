// A program may define functions named like the C library's (legal C outside
// POSIX, common in old scientific code): read, write, send, poll. They are
// the program's: the runtime's transport never calls them, and the program
// sees exactly its own calls, as natively.
// RUN: %compare %s
#include <stdio.h>
#include <stdlib.h>
#include <sys/types.h>

struct pollfd;
static int calls[4];

ssize_t read(int fd, void *buf, size_t n) { (void)fd; (void)buf; calls[0]++; return (ssize_t)n; }
ssize_t write(int fd, const void *buf, size_t n) { (void)fd; (void)buf; calls[1]++; return (ssize_t)n; }
ssize_t send(int fd, const void *buf, size_t n, int flags) {
  (void)fd; (void)buf; (void)flags; calls[2]++; return (ssize_t)n;
}
int poll(struct pollfd *fds, unsigned long n, int timeout) {
  (void)fds; (void)n; (void)timeout; calls[3]++; return 0;
}

double data[4096];

int main(void) {
  char b[8];
  read(0, b, 8);
  write(1, b, 0);
#pragma omp parallel for
  for (int i = 0; i < 4096; i++)
    data[i] = i * 0.5;
  double s = 0;
#pragma omp parallel for reduction(+ : s)
  for (int i = 0; i < 4096; i++)
    s += data[i];
  send(3, b, 1, 0);
  printf("sum %.1f read %d write %d send %d poll %d\n", s, calls[0], calls[1], calls[2], calls[3]);
  return 0;
}
