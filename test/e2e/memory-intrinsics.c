// memcpy, memmove, memset and struct copies inside parallel loops.
// RUN: %compare %s
#include <stdio.h>
#include <string.h>

typedef struct { char name[24]; double v[6]; } record;
record src[512], dst[512];
char buf[512][64];

int main(void) {
  for (int i = 0; i < 512; i++) {
    snprintf(src[i].name, sizeof src[i].name, "rec-%d", i);
    for (int k = 0; k < 6; k++)
      src[i].v[k] = i + k * 0.5;
  }
#pragma omp parallel for
  for (int i = 0; i < 512; i++) {
    dst[i] = src[511 - i]; // struct copy
    memset(buf[i], 'a' + i % 26, 63);
    buf[i][63] = 0;
    memmove(buf[i] + 1, buf[i], 10);
    memcpy(buf[i], src[i].name, strlen(src[i].name));
  }
  double s = 0;
  for (int i = 0; i < 512; i++)
    s += dst[i].v[5];
  printf("%s %s %.1f %s\n", dst[0].name, dst[511].name, s, buf[300]);
  return 0;
}
