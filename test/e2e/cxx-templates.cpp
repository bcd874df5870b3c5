// C++ templates with a region inside, std::array and std::complex data, a
// guided schedule with a chunk, and a region inside a lambda.
// RUN: %compare %s
#include <cstdio>
#include <vector>
#include <complex>
#include <array>
template <typename T, int N> T norm(const std::vector<std::array<T, N>> &v) {
  T s = 0;
  #pragma omp parallel for reduction(+:s)
  for (size_t i = 0; i < v.size(); i++) for (int k = 0; k < N; k++) s += v[i][k] * v[i][k];
  return s;
}
struct Particle { std::complex<double> z; int id; };
int main() {
  std::vector<std::array<float, 3>> v(1000); for (size_t i = 0; i < v.size(); i++) v[i] = {float(i%3), 1.0f, 0.5f};
  std::vector<std::array<double, 5>> w(300); for (auto &x : w) x.fill(0.25);
  std::vector<Particle> ps(2000);
  #pragma omp parallel for schedule(guided, 7)
  for (int i = 0; i < (int)ps.size(); i++) { ps[i].z = std::polar(1.0, i * 0.001); ps[i].id = i; }
  std::complex<double> sum = 0;
  for (auto &p : ps) sum += p.z;
  auto lam = [&](int lo, int hi) { double t = 0;
    #pragma omp parallel for reduction(+:t)
    for (int i = lo; i < hi; i++) t += ps[i].z.real();
    return t; };
  std::printf("%.2f %.4f %.4f %.4f %.4f\n", (double)norm<float, 3>(v), norm<double, 5>(w), sum.real(), sum.imag(), lam(10, 1500));
}
