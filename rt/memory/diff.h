//===- diff.h - Byte-exact differences between a page and its twin -*- C++ -*-===//
//
// At a release a worker sends home only the bytes it changed: those where the
// page differs from the twin taken at its first write. Changes are exact to
// the byte, so two processes writing neighbouring bytes of one page (false
// sharing) never overwrite each other's data.
//
// A page's change is a ByteMask, one bit per byte. The worker finds it with
// vector compares, the home applies it and the race detector intersects it
// with word operations: the cost is per page and per changed byte, not per
// run (a colour of an Ising lattice of chars changes every other byte).
//
//===----------------------------------------------------------------------===//
#ifndef DISTOMP_RT_DIFF_H
#define DISTOMP_RT_DIFF_H

#include "distomp/abi.h"

#include <array>
#include <cstddef>
#include <cstdint>
#include <vector>

namespace distomp::rt {

constexpr uint32_t MaskWords = DISTOMP_PAGE_SIZE / 64;

/// One bit per byte of a page: byte I is bit I % 64 of word I / 64.
using ByteMask = std::array<uint64_t, MaskWords>;

/// The bytes where A and B (one page each) differ.
ByteMask differingBytes(const uint8_t *A, const uint8_t *B);

/// Sets the bits of bytes [Offset, Offset+Len) of the page.
void addRun(ByteMask &M, uint32_t Offset, uint32_t Len);

bool isEmpty(const ByteMask &M);
size_t countBytes(const ByteMask &M);
/// Maximal runs of set bits.
size_t countRuns(const ByteMask &M);

/// Calls Fn(Offset, Len) for each maximal run of set bits, in page order.
template <class F> void forEachRun(const ByteMask &M, F &&Fn) {
  uint32_t I = 0;
  while (I < DISTOMP_PAGE_SIZE) {
    uint32_t W = I / 64;
    uint64_t Set = M[W] & (~0ull << (I % 64));
    while (!Set) {
      if (++W == MaskWords)
        return;
      Set = M[W];
    }
    uint32_t Start = W * 64 + uint32_t(__builtin_ctzll(Set));
    uint64_t Clear = ~M[W] & (~0ull << (Start % 64));
    while (!Clear) {
      if (++W == MaskWords) {
        Fn(Start, DISTOMP_PAGE_SIZE - Start);
        return;
      }
      Clear = ~M[W];
    }
    uint32_t End = W * 64 + uint32_t(__builtin_ctzll(Clear));
    Fn(Start, End - Start);
    I = End;
  }
}

/// Appends Page's bytes at M's set bits, in page order.
void gatherBytes(const uint8_t *Page, const ByteMask &M, std::vector<uint8_t> &Out);

/// Writes Src's bytes, in order, over Page's bytes at M's set bits, storing
/// to no other byte: for memory other threads may be writing.
void scatterBytes(uint8_t *Page, const ByteMask &M, const uint8_t *Src);

/// The same result, faster where a page's changes are dense, but each
/// 8-byte group with a change is read and stored whole: only for memory
/// no other thread writes meanwhile (the home's snapshots, twins).
void blendBytes(uint8_t *Page, const ByteMask &M, const uint8_t *Src);

} // namespace distomp::rt

#endif
