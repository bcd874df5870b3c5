// Built by plain clang: no instrumented version.
double plain_square(double x) { return x * x; }
