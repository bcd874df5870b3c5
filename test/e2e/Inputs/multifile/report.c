#include "model.h"
#include <stdio.h>

void report(const char *what, double v) { printf("%-22s %.9f\n", what, v); }
