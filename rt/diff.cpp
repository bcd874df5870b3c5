//===- diff.cpp - Byte-exact differences between a page and its twin ------===//
#include "diff.h"

#include <cstring>

namespace distomp::rt {

size_t diffPage(const uint8_t *Page, const uint8_t *Twin, size_t Size, uint64_t Base,
                DiffRuns &Out) {
  size_t Added = 0, I = 0;
  while (I < Size) {
    // Skip equal words quickly, then equal bytes.
    while (I + 8 <= Size) {
      uint64_t A, B;
      std::memcpy(&A, Page + I, 8);
      std::memcpy(&B, Twin + I, 8);
      if (A != B)
        break;
      I += 8;
    }
    while (I < Size && Page[I] == Twin[I])
      ++I;
    if (I >= Size)
      break;
    size_t Start = I;
    while (I < Size && Page[I] != Twin[I])
      ++I;
    Out.Addr.push_back(Base + Start);
    Out.Len.push_back(uint32_t(I - Start));
    Out.Data.insert(Out.Data.end(), Page + Start, Page + I);
    Added += I - Start;
  }
  return Added;
}

} // namespace distomp::rt
