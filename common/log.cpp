//===- log.cpp - One-line log records at a chosen level -------------------===//
#include "log.h"

#include <atomic>
#include <cstdarg>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <unistd.h>

namespace distomp {
namespace {
std::atomic<int> Current{int(LogLevel::Warn)};
char Prefix[64] = "distomp";
const char *const Names[] = {"error", "warn", "info", "debug"};
} // namespace

bool parseLogLevel(const std::string &Text, LogLevel &Level) {
  for (int I = 0; I < 4; ++I)
    if (Text == Names[I] || Text == std::to_string(I)) {
      Level = LogLevel(I);
      return true;
    }
  if (Text == "warning") {
    Level = LogLevel::Warn;
    return true;
  }
  return false;
}

void setLogLevel(LogLevel Level) { Current = int(Level); }
void setLogPrefix(const std::string &P) {
  std::snprintf(Prefix, sizeof Prefix, "%s", P.c_str());
}
bool logEnabled(LogLevel Level) { return int(Level) <= Current; }

void logf(LogLevel Level, const char *Fmt, ...) {
  if (!logEnabled(Level))
    return;
  char Msg[1024];
  va_list Ap;
  va_start(Ap, Fmt);
  std::vsnprintf(Msg, sizeof Msg, Fmt, Ap);
  va_end(Ap);
  char Line[1200];
  int N = std::snprintf(Line, sizeof Line, "%s: %s: %s\n", Prefix, Names[int(Level)], Msg);
  if (N > int(sizeof Line) - 1)
    N = sizeof Line - 1;
  ssize_t Ignored = write(STDERR_FILENO, Line, N);
  (void)Ignored;
}

} // namespace distomp
