//===- threads.cpp - The runtime's own service threads --------------------===//
#include "process/threads.h"
#include "process/diag.h"

#include <zmq.hpp>

namespace distomp::rt {

void reportingFailures(const char *What, const std::function<void()> &Body) {
  try {
    Body();
  } catch (const zmq::error_t &E) {
    fatal("%s: ZeroMQ: %s (errno %d)", What, E.what(), E.num());
  } catch (const std::exception &E) {
    fatal("%s: %s", What, E.what());
  }
}

std::thread startServiceThread(const char *Name, std::function<void()> Body) {
  return std::thread([Name, Body = std::move(Body)] {
    std::string What = std::string("internal error in the runtime's ") + Name + " thread";
    reportingFailures(What.c_str(), Body);
  });
}

} // namespace distomp::rt
