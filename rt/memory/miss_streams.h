//===- miss_streams.h - Sequential miss streams, for read- and write-ahead -*- C++ -*-===//
//
// A loop that walks several arrays at once (inputs read, outputs written)
// misses on each in turn. Like a hardware prefetcher, the page cache keeps a
// few streams: a miss on the page after a stream's last page continues that
// stream and doubles its window, up to a maximum; any other miss starts a
// new stream, in the slot used longest ago, with a window of one page. With
// a single "last miss" instead, interleaved walks reset each other and every
// page costs a round trip.
//
//===----------------------------------------------------------------------===//
#ifndef DISTOMP_RT_MISS_STREAMS_H
#define DISTOMP_RT_MISS_STREAMS_H

#include <algorithm>
#include <array>
#include <cstdint>

namespace distomp::rt {

class MissStreams {
public:
  explicit MissStreams(uint32_t MaxWindow) : MaxWindow(MaxWindow) {}

  /// A miss at Page: how many pages from Page on to take now. Call took()
  /// with the last page taken.
  uint32_t window(uint64_t Page) {
    for (unsigned I = 0; I < Slots.size(); ++I)
      if (Slots[I].Used && Slots[I].Last + 1 == Page) {
        Current = I;
        Slots[I].Window = std::min(Slots[I].Window * 2, MaxWindow);
        return Slots[I].Window;
      }
    Current = Oldest;
    Oldest = (Oldest + 1) % Slots.size();
    Slots[Current] = {Page, 1, true};
    return 1;
  }

  /// The miss at the page given to window() took pages up to Last.
  void took(uint64_t Last) { Slots[Current].Last = Last; }

private:
  struct Stream {
    uint64_t Last = 0;
    uint32_t Window = 1;
    bool Used = false;
  };
  std::array<Stream, 8> Slots{};
  unsigned Current = 0, Oldest = 0;
  uint32_t MaxWindow;
};

} // namespace distomp::rt

#endif
