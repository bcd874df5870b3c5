//===- isolated_libraries.h - The runtime's libraries, kept apart -*- C++ -*-===//
//
// ZeroMQ and libdw run in a link namespace of their own
// (isolated_libraries.cpp); the runtime calls them through forwarders with
// their headers' names. ZeroMQ is required (a process that cannot load it
// stops at its first socket); libdw only names things in reports.
//
//===----------------------------------------------------------------------===//
#ifndef DISTOMP_RT_ISOLATED_LIBRARIES_H
#define DISTOMP_RT_ISOLATED_LIBRARIES_H

namespace distomp::rt {

/// Loads libdw into the namespace on the first call. False (with one
/// warning) when it cannot: libdw's functions must not be called then.
bool debugInfoReaderLoaded();

} // namespace distomp::rt

#endif
