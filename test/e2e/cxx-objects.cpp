// C++: std::vector, classes with member functions, a template, a lambda
// called in the loop body, and a reduction into a member.
// RUN: %compare %s
#include <cstdio>
#include <numeric>
#include <vector>

template <typename T> struct Grid {
  int w, h;
  std::vector<T> cells;
  Grid(int w, int h) : w(w), h(h), cells(size_t(w) * h) {}
  T &at(int x, int y) { return cells[size_t(y) * w + x]; }
  T at(int x, int y) const { return cells[size_t(y) * w + x]; }
};

struct Stats {
  double total = 0;
  void add(double v) { total += v; }
};

int main() {
  Grid<float> g(300, 200);
  auto f = [](int x, int y) { return float((x * 31 + y * 17) % 101) * 0.5f; };
#pragma omp parallel for collapse(2)
  for (int y = 0; y < g.h; y++)
    for (int x = 0; x < g.w; x++)
      g.at(x, y) = f(x, y);
  std::vector<double> rows(g.h);
#pragma omp parallel for schedule(dynamic, 8)
  for (int y = 0; y < g.h; y++) {
    double s = 0;
    for (int x = 0; x < g.w; x++)
      s += g.at(x, y);
    rows[y] = s;
  }
  Stats st;
  double t = 0;
#pragma omp parallel for reduction(+ : t)
  for (int y = 0; y < g.h; y++)
    t += rows[y];
  st.add(t);
  std::printf("total=%.1f row0=%.1f row199=%.1f acc=%.1f\n", st.total, rows[0], rows[199],
              std::accumulate(rows.begin(), rows.end(), 0.0));
  return 0;
}
