//===- init.cpp - Runtime start-up ----------------------------------------===//
//
// The runtime is a shared library: its state stays out of the executable's
// data segment, which is the range processes share. Its constructor runs
// before any constructor of the executable, so the page-state table exists
// before the first instrumented access.
//
//===----------------------------------------------------------------------===//
#include "program/image.h"
#include "process/process.h"
#include "memory/shadow.h"
#include "process/trace.h"

namespace distomp::rt {

__attribute__((constructor)) static void initializeRuntime() {
  initTrace();
  mapShadow();
  readExecutableImage();
  muteWorkerOutput();
}

} // namespace distomp::rt
