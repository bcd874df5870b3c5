// A mesh proxy: many tiny loops over small arrays, as unstructured-mesh
// codes run them. A ring-plus-chords mesh of NODES nodes; each time step is
// three `parallel for` loops of its own (edge fluxes, node updates through a
// node-to-edge index, a limiter), each a few microseconds of work. Fluxes
// are antisymmetric, so the total is conserved: the program checks that.
//
//   mesh [nodes] [steps]           (defaults: 1000 5000)
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#define MAXN 100000
static int nodes, edges;
static int edge_a[2 * MAXN], edge_b[2 * MAXN];        // the edge's two nodes
static int first_edge[MAXN + 1], node_edge[4 * MAXN]; // node -> its edges
static double value[MAXN], flux[2 * MAXN], weight[2 * MAXN];

static void build_mesh(void) {
  edges = 0;
  for (int i = 0; i < nodes; i++) { // a ring, and a chord to a far node
    edge_a[edges] = i, edge_b[edges++] = (i + 1) % nodes;
    if (i % 2 == 0)
      edge_a[edges] = i, edge_b[edges++] = (i * 7 + nodes / 3) % nodes;
  }
  int count[MAXN] = {0};
  for (int e = 0; e < edges; e++)
    count[edge_a[e]]++, count[edge_b[e]]++;
  first_edge[0] = 0;
  for (int i = 0; i < nodes; i++)
    first_edge[i + 1] = first_edge[i] + count[i], count[i] = 0;
  for (int e = 0; e < edges; e++) {
    node_edge[first_edge[edge_a[e]] + count[edge_a[e]]++] = e;
    node_edge[first_edge[edge_b[e]] + count[edge_b[e]]++] = e;
  }
  for (int e = 0; e < edges; e++)
    weight[e] = 0.05 + 0.01 * (e % 5);
}

int main(int argc, char **argv) {
  nodes = argc > 1 ? atoi(argv[1]) : 1000;
  int steps = argc > 2 ? atoi(argv[2]) : 5000;
  if (nodes < 4 || nodes > MAXN)
    return fprintf(stderr, "mesh: 4 <= nodes <= %d\n", MAXN), 2;
  build_mesh();
  double before = 0;
  for (int i = 0; i < nodes; i++)
    before += value[i] = (i % 17) + (i == nodes / 2 ? 1000.0 : 0.0);
  for (int s = 0; s < steps; s++) {
#pragma omp parallel for
    for (int e = 0; e < edges; e++)
      flux[e] = weight[e] * (value[edge_a[e]] - value[edge_b[e]]);
#pragma omp parallel for
    for (int i = 0; i < nodes; i++) {
      double d = 0;
      for (int k = first_edge[i]; k < first_edge[i + 1]; k++) {
        int e = node_edge[k];
        d += edge_a[e] == i ? -flux[e] : flux[e];
      }
      value[i] += 0.5 * d;
    }
#pragma omp parallel for
    for (int e = 0; e < edges; e++) // the limiter: slow down steep edges
      weight[e] = fabs(flux[e]) > 10 ? 0.04 : 0.05 + 0.01 * (e % 5);
  }
  double after = 0, peak = 0;
  for (int i = 0; i < nodes; i++) {
    after += value[i];
    peak = value[i] > peak ? value[i] : peak;
  }
  int ok = fabs(after - before) <= 1e-9 * fabs(before);
  printf("mesh %d nodes %d edges, %d steps: peak %.9f total %.6e %s\n", nodes, edges, steps, peak,
         after, ok ? "VERIFIED" : "FAILED");
  return !ok;
}
