// A program may define functions named like the C library's (legal C outside
// POSIX, common in old scientific code): read, write, send, poll for I/O of
// its own, and open, close, kill, signal, usleep, getpid, pwrite too. They
// are the program's: neither the runtime nor its transport calls them, and
// the program sees exactly its own calls, as natively.
// RUN: %compare --procs 1,2,3 --threads 1,2 %s
#include <stdio.h>
#include <stdlib.h>
#include <sys/types.h>

struct pollfd;
enum { READ, WRITE, SEND, POLL, OPEN, CLOSE, KILL, SIGNAL, USLEEP, GETPID, PWRITE, NCALLS };
static const char *names[NCALLS] = {"read", "write", "send", "poll", "open", "close",
                                    "kill", "signal", "usleep", "getpid", "pwrite"};
static int calls[NCALLS];

ssize_t read(int fd, void *buf, size_t n) { (void)fd; (void)buf; calls[READ]++; return (ssize_t)n; }
ssize_t write(int fd, const void *buf, size_t n) { (void)fd; (void)buf; calls[WRITE]++; return (ssize_t)n; }
ssize_t send(int fd, const void *buf, size_t n, int flags) {
  (void)fd; (void)buf; (void)flags; calls[SEND]++; return (ssize_t)n;
}
int poll(struct pollfd *fds, unsigned long n, int timeout) {
  (void)fds; (void)n; (void)timeout; calls[POLL]++; return 0;
}
int open(const char *name, int mode) { (void)name; calls[OPEN]++; return mode; }
int close(int unit) { (void)unit; calls[CLOSE]++; return 0; }
int kill(int particle, int how) { (void)particle; (void)how; calls[KILL]++; return 0; }
void *signal(int which, void *value) { (void)which; calls[SIGNAL]++; return value; }
int usleep(unsigned us) { (void)us; calls[USLEEP]++; return 0; }
int getpid(void) { calls[GETPID]++; return 42; }
ssize_t pwrite(int fd, const void *buf, size_t n, long at) {
  (void)fd; (void)buf; (void)at; calls[PWRITE]++; return (ssize_t)n;
}

double data[4096];

int main(void) {
  char b[8];
  read(0, b, 8);
  write(1, b, 0);
  int unit = open("grid.dat", 3);
#pragma omp parallel for
  for (int i = 0; i < 4096; i++)
    data[i] = i * 0.5;
  double s = 0;
#pragma omp parallel for reduction(+ : s)
  for (int i = 0; i < 4096; i++)
    s += data[i];
  send(3, b, 1, 0);
  kill(getpid(), 1);
  close(unit);
  printf("sum %.1f", s);
  for (int k = 0; k < NCALLS; k++)
    printf(" %s %d", names[k], calls[k]);
  printf("\n");
  return 0;
}
