// The runtime changes nothing of the program's own process state that
// OpenMP does not define: signal dispositions and mask, umask, working
// directory, the environment, stdout's buffering. Printed before main's
// first region, between regions and after them, against native. Started
// with SIGINT and SIGTERM ignored, as from nohup or a background job:
// distomp-run must pass that on, not its own handlers' defaults.
// RUN: bash -c 'trap "" INT TERM; exec "$@"' - %compare --procs 1,2,3 %s
#define _GNU_SOURCE
#include <signal.h>
#include <stdio.h>
#include <stdio_ext.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

extern char **environ;

static void state(const char *when) {
  unsigned handled = 0, ignored = 0;
  for (int s = 1; s < 32; s++) {
    struct sigaction sa;
    if (sigaction(s, NULL, &sa) == 0) {
      handled += sa.sa_handler != SIG_DFL && sa.sa_handler != SIG_IGN;
      ignored += sa.sa_handler == SIG_IGN;
    }
  }
  sigset_t mask;
  sigprocmask(SIG_BLOCK, NULL, &mask);
  int blocked = 0;
  for (int s = 1; s < 32; s++)
    blocked += sigismember(&mask, s);
  mode_t um = umask(022);
  umask(um);
  char cwd[4096];
  int vars = 0;
  for (char **e = environ; *e; e++)
    vars += strncmp(*e, "DISTOMP_", 8) != 0 && strncmp(*e, "OMP_", 4) != 0;
  printf("%s: handled %u ignored %u blocked %d umask %03o cwd %s vars %d line-buffered %d\n",
         when, handled, ignored, blocked, (unsigned)um, getcwd(cwd, sizeof cwd) ? "ok" : "?",
         vars, __flbf(stdout));
}

double a[8192];

int main(void) {
  state("start");
#pragma omp parallel for
  for (int i = 0; i < 8192; i++)
    a[i] = i;
  state("between");
  double s = 0;
#pragma omp parallel for reduction(+ : s)
  for (int i = 0; i < 8192; i++)
    s += a[i];
  state("end");
  printf("%.0f\n", s);
  return 0;
}
