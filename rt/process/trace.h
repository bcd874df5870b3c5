//===- trace.h - When this process did what, for DISTOMP_TRACE ----*- C++
//-*-===//
//
// DISTOMP_TRACE=PREFIX: each process records spans (a region's body, each
// wait for an answer, the master's comparison of its own writes, a commit's
// diff, the home applying a commit or serving pages) and at its end writes
// PREFIX.<rank>.json in the Chrome trace-event format, which Perfetto and
// chrome://tracing open; scripts/merge-traces.py joins the files of a job
// into one timeline. Off, a span costs one predictable branch.
//
//===----------------------------------------------------------------------===//
#ifndef DISTOMP_RT_TRACE_H
#define DISTOMP_RT_TRACE_H

#include <atomic>
#include <cstdint>

namespace distomp::rt {

extern std::atomic<bool> TraceOn; ///< on from the start; off once the trace is written

/// A span of this thread's time from construction to destruction. Name and
/// Detail must outlive the process (string literals, region names).
class TraceSpan {
public:
  explicit TraceSpan(const char *Name, const char *Detail = nullptr)
      : Name(TraceOn.load(std::memory_order_relaxed) ? Name : nullptr), Detail(Detail),
        Start(this->Name ? begin() : 0) {}
  ~TraceSpan() {
    if (Name)
      end(Name, Detail, Start);
  }
  TraceSpan(const TraceSpan &) = delete;
  TraceSpan &operator=(const TraceSpan &) = delete;

private:
  static uint64_t begin();
  static void end(const char *Name, const char *Detail, uint64_t Start);
  const char *Name, *Detail;
  uint64_t Start;
};

/// Reads DISTOMP_TRACE (before other threads start).
void initTrace();

/// Writes PREFIX.<Rank>.json; once, at the process's end.
void writeTrace(uint32_t Rank, bool IsMaster);

} // namespace distomp::rt

#endif
