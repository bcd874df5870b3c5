// A histogram filled with an atomic increment per sample: histogram.c's
// critical section made an `atomic`, as a second version of a program
// does. Samples come from rand() seeded by the program; the histogram is
// checked against a serial recount.
//
//   atomic-histogram [samples] [bins]     (defaults: 100000 64)
#define HISTOGRAM_ATOMIC
#define HISTOGRAM_NAME "atomic histogram"
#include "histogram.c"
