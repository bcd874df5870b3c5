// Pointer-rich data built serially: a linked list, an array of pointers into
// it, and a binary tree; parallel loops follow the pointers stored in shared
// memory and write through them.
// RUN: %compare %s
#include <stdio.h>
#include <stdlib.h>

typedef struct node { int key; long value; struct node *next; } node;
typedef struct tree { int key; struct tree *left, *right; } tree;

static tree *insert(tree *t, int key) {
  if (!t) {
    t = calloc(1, sizeof *t);
    t->key = key;
    return t;
  }
  if (key < t->key)
    t->left = insert(t->left, key);
  else
    t->right = insert(t->right, key);
  return t;
}

static int depth_of(const tree *t, int key) {
  int d = 0;
  while (t && t->key != key) {
    t = key < t->key ? t->left : t->right;
    d++;
  }
  return t ? d : -1;
}

int main(void) {
  enum { N = 3000 };
  node *head = NULL;
  for (int i = 0; i < N; i++) {
    node *n = malloc(sizeof *n);
    n->key = i;
    n->value = 0;
    n->next = head;
    head = n;
  }
  node **index = malloc(sizeof(node *) * N);
  int k = 0;
  for (node *n = head; n; n = n->next)
    index[k++] = n;
#pragma omp parallel for schedule(dynamic, 16)
  for (int i = 0; i < N; i++) {
    node *n = index[i];
    long s = 0;
    for (node *m = n; m && m->key > n->key - 10; m = m->next)
      s += m->key;
    n->value = s;
  }
  tree *root = NULL;
  for (int i = 0; i < N; i++)
    root = insert(root, (i * 7919) % N);
  int depths[N];
#pragma omp parallel for
  for (int i = 0; i < N; i++)
    depths[i] = depth_of(root, i);
  long sv = 0, sd = 0;
  for (node *n = head; n; n = n->next)
    sv += n->value;
  for (int i = 0; i < N; i++)
    sd += depths[i];
  printf("sum of values=%ld sum of depths=%ld index[7]->value=%ld\n", sv, sd, index[7]->value);
  return 0;
}
