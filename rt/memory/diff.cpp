//===- diff.cpp - Byte-exact differences between a page and its twin ------===//
#include "memory/diff.h"

#include <cstring>
#ifdef __SSE2__
#include <emmintrin.h>
#endif
#ifdef __x86_64__
#include <tmmintrin.h>
#define DISTOMP_SSSE3 __attribute__((target("ssse3")))
#endif

namespace distomp::rt {
namespace {

/// Bit I set where byte I of the 64 bytes at A and B differs.
uint64_t differingBits(const uint8_t *A, const uint8_t *B) {
#ifdef __SSE2__
  uint64_t Equal = 0;
  for (int Q = 0; Q < 4; ++Q) {
    __m128i X = _mm_loadu_si128(reinterpret_cast<const __m128i *>(A + 16 * Q));
    __m128i Y = _mm_loadu_si128(reinterpret_cast<const __m128i *>(B + 16 * Q));
    Equal |= uint64_t(uint32_t(_mm_movemask_epi8(_mm_cmpeq_epi8(X, Y)))) << (16 * Q);
  }
  return ~Equal;
#else
  uint64_t Bits = 0;
  for (int I = 0; I < 64; ++I)
    Bits |= uint64_t(A[I] != B[I]) << I;
  return Bits;
#endif
}

/// Set bits of X, inline: without -mpopcnt the builtin is a libgcc call,
/// which showed in profiles of commits.
unsigned bitCount(uint64_t X) {
  X = X - ((X >> 1) & 0x5555555555555555ull);
  X = (X & 0x3333333333333333ull) + ((X >> 2) & 0x3333333333333333ull);
  X = (X + (X >> 4)) & 0x0f0f0f0f0f0f0f0full;
  return unsigned((X * 0x0101010101010101ull) >> 56);
}

template <typename T> void copyWord(uint8_t *Dst, const uint8_t *Src) {
  T V;
  std::memcpy(&V, Src, sizeof V);
  std::memcpy(Dst, &V, sizeof V);
}

/// Copies Len bytes (1 to 64) with at most two stores of each width, which
/// may overlap inside the run but never touch a byte outside it: the home
/// writes runs into memory the master's threads may be writing next to.
inline void copyRun(uint8_t *Dst, const uint8_t *Src, uint32_t Len) {
  if (Len >= 16) {
    for (uint32_t I = 0; I + 16 < Len; I += 16)
      copyWord<__uint128_t>(Dst + I, Src + I);
    copyWord<__uint128_t>(Dst + Len - 16, Src + Len - 16);
  } else if (Len >= 8) {
    copyWord<uint64_t>(Dst, Src);
    copyWord<uint64_t>(Dst + Len - 8, Src + Len - 8);
  } else if (Len >= 4) {
    copyWord<uint32_t>(Dst, Src);
    copyWord<uint32_t>(Dst + Len - 4, Src + Len - 4);
  } else if (Len >= 2) {
    copyWord<uint16_t>(Dst, Src);
    copyWord<uint16_t>(Dst + Len - 2, Src + Len - 2);
  } else {
    *Dst = *Src;
  }
}

/// Whether the set bits of Bits (not all set) are best moved run by run:
/// when runs are two bytes long or more on average. A double changed in its
/// low six bytes is one run of six (two stores instead of six); a
/// checkerboard colour of chars is 32 runs of one, moved byte by byte.
bool byRuns(uint64_t Bits) { return bitCount(Bits) >= 2 * bitCount(Bits & ~(Bits << 1)); }

/// Calls Fn(Offset, Len) for each run of set bits of Bits, which is not all
/// set (a run ending at bit 63 ends there).
template <typename Fn> void forEachRunIn(uint64_t Bits, Fn &&Move) {
  while (Bits) {
    uint32_t Start = uint32_t(__builtin_ctzll(Bits));
    uint32_t Len = uint32_t(__builtin_ctzll(~(Bits >> Start)));
    Move(Start, Len);
    Bits &= ~(((1ull << Len) - 1) << Start);
  }
}

#ifdef DISTOMP_SSSE3
/// Per 8-bit mask of an 8-byte group: the shuffle that packs its selected
/// bytes to the front (Pack), the one that spreads packed bytes back to
/// their places (Spread; 0x80 zeroes the others), the selected bytes as
/// 0xff (Select) and how many there are.
struct GroupTables {
  uint8_t Pack[256][8], Spread[256][8], Select[256][8], Count[256];
  GroupTables() {
    for (unsigned M = 0; M < 256; ++M) {
      unsigned K = 0;
      for (unsigned J = 0; J < 8; ++J) {
        bool On = M >> J & 1;
        Pack[M][J] = 0x80;
        Spread[M][J] = On ? uint8_t(K) : 0x80;
        Select[M][J] = On ? 0xff : 0;
        if (On)
          Pack[M][K++] = uint8_t(J);
      }
      Count[M] = uint8_t(K);
    }
  }
};
const GroupTables &groupTables() {
  static const GroupTables T;
  return T;
}

__m128i load8(const void *P) { return _mm_loadl_epi64(static_cast<const __m128i *>(P)); }

/// gatherBytes with a shuffle per 8-byte group. Dst has 8 bytes to spare:
/// each group stores 8 bytes, the next overwrites what is not its own.
DISTOMP_SSSE3 void gatherByShuffles(const uint8_t *Page, const ByteMask &M, uint8_t *Dst) {
  const GroupTables &T = groupTables();
  for (uint32_t W = 0; W < MaskWords; ++W) {
    uint64_t Bits = M[W];
    const uint8_t *Line = Page + 64 * W;
    if (Bits == ~0ull) {
      std::memcpy(Dst, Line, 64);
      Dst += 64;
      continue;
    }
    if (bitCount(Bits) <= 8) { // sparse: a shuffle per byte costs more than a copy
      for (; Bits; Bits &= Bits - 1)
        *Dst++ = Line[__builtin_ctzll(Bits)];
      continue;
    }
    for (uint32_t G = 0; G < 8; ++G) { // dense: every group, without branches
      uint8_t Mask = uint8_t(Bits >> (8 * G));
      __m128i Packed = _mm_shuffle_epi8(load8(Line + 8 * G), load8(T.Pack[Mask]));
      _mm_storel_epi64(reinterpret_cast<__m128i *>(Dst), Packed);
      Dst += T.Count[Mask];
    }
  }
}

/// blendBytes with a shuffle per 8-byte group while 8 bytes of Src remain
/// (it must not read past them), byte by byte for the rest.
DISTOMP_SSSE3 void blendByShuffles(uint8_t *Page, const ByteMask &M, const uint8_t *Src,
                                   size_t Left) {
  const GroupTables &T = groupTables();
  for (uint32_t W = 0; W < MaskWords; ++W) {
    uint64_t Bits = M[W];
    uint8_t *Line = Page + 64 * W;
    if (Bits == ~0ull) {
      std::memcpy(Line, Src, 64);
      Src += 64, Left -= 64;
      continue;
    }
    if (bitCount(Bits) <= 8) {
      Left -= bitCount(Bits);
      for (; Bits; Bits &= Bits - 1)
        Line[__builtin_ctzll(Bits)] = *Src++;
      continue;
    }
    for (uint32_t G = 0; G < 8; ++G) { // dense: every group, a group without change too
      uint8_t Mask = uint8_t(Bits >> (8 * G));
      uint8_t *At = Line + 8 * G;
      if (Left < 8) {
        for (uint32_t J = 0; J < 8; ++J)
          if (Mask >> J & 1)
            At[J] = *Src++;
      } else {
        __m128i Spread = _mm_shuffle_epi8(load8(Src), load8(T.Spread[Mask]));
        __m128i Kept = _mm_andnot_si128(load8(T.Select[Mask]), load8(At));
        _mm_storel_epi64(reinterpret_cast<__m128i *>(At), _mm_or_si128(Spread, Kept));
        Src += T.Count[Mask];
      }
      Left -= T.Count[Mask];
    }
  }
}

bool haveShuffles() {
  static const bool Have = [] {
    __builtin_cpu_init(); // may run before the compiler runtime's constructor
    return __builtin_cpu_supports("ssse3");
  }();
  return Have;
}
#endif

} // namespace

ByteMask differingBytes(const uint8_t *A, const uint8_t *B) {
  ByteMask M;
  for (uint32_t W = 0; W < MaskWords; ++W) {
    // Whole equal lines are the common case: one comparison of 64 bytes.
    M[W] = std::memcmp(A + 64 * W, B + 64 * W, 64) ? differingBits(A + 64 * W, B + 64 * W) : 0;
  }
  return M;
}

void addRun(ByteMask &M, uint32_t Offset, uint32_t Len) {
  uint32_t End = Offset + Len;
  for (uint32_t W = Offset / 64; W * 64 < End; ++W) {
    uint32_t Lo = W * 64 > Offset ? W * 64 : Offset, Hi = End < W * 64 + 64 ? End : W * 64 + 64;
    uint64_t Span = Hi - Lo == 64 ? ~0ull : ((1ull << (Hi - Lo)) - 1);
    M[W] |= Span << (Lo - W * 64);
  }
}

bool isEmpty(const ByteMask &M) {
  uint64_t Any = 0;
  for (uint64_t W : M)
    Any |= W;
  return Any == 0;
}

size_t countBytes(const ByteMask &M) {
  size_t N = 0;
  for (uint64_t W : M)
    N += bitCount(W);
  return N;
}

size_t countRuns(const ByteMask &M) {
  size_t N = 0;
  uint64_t Carry = 0; // the previous word's last bit
  for (uint64_t W : M) {
    N += bitCount(W & ~((W << 1) | Carry));
    Carry = W >> 63;
  }
  return N;
}

void gatherBytes(const uint8_t *Page, const ByteMask &M, std::vector<uint8_t> &Out) {
  size_t At = Out.size(), N = countBytes(M);
#ifdef DISTOMP_SSSE3
  if (haveShuffles()) {
    Out.resize(At + N + 8);
    gatherByShuffles(Page, M, Out.data() + At);
    Out.resize(At + N);
    return;
  }
#endif
  Out.resize(At + N);
  uint8_t *Dst = Out.data() + At;
  for (uint32_t W = 0; W < MaskWords; ++W) {
    uint64_t Bits = M[W];
    const uint8_t *Line = Page + 64 * W;
    if (Bits == ~0ull) {
      std::memcpy(Dst, Line, 64);
      Dst += 64;
      continue;
    }
    if (byRuns(Bits)) {
      forEachRunIn(Bits, [&](uint32_t Start, uint32_t Len) {
        copyRun(Dst, Line + Start, Len);
        Dst += Len;
      });
      continue;
    }
    for (; Bits; Bits &= Bits - 1)
      *Dst++ = Line[__builtin_ctzll(Bits)];
  }
}

void scatterBytes(uint8_t *Page, const ByteMask &M, const uint8_t *Src) {
  for (uint32_t W = 0; W < MaskWords; ++W) {
    uint64_t Bits = M[W];
    uint8_t *Line = Page + 64 * W;
    if (Bits == ~0ull) {
      std::memcpy(Line, Src, 64);
      Src += 64;
      continue;
    }
    if (byRuns(Bits)) {
      forEachRunIn(Bits, [&](uint32_t Start, uint32_t Len) {
        copyRun(Line + Start, Src, Len);
        Src += Len;
      });
      continue;
    }
    for (; Bits; Bits &= Bits - 1)
      Line[__builtin_ctzll(Bits)] = *Src++;
  }
}

void blendBytes(uint8_t *Page, const ByteMask &M, const uint8_t *Src) {
#ifdef DISTOMP_SSSE3
  if (haveShuffles()) {
    blendByShuffles(Page, M, Src, countBytes(M));
    return;
  }
#endif
  scatterBytes(Page, M, Src);
}

} // namespace distomp::rt
