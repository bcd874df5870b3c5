//===- log.h - One-line log records at a chosen level ------------*- C++ -*-===//
#ifndef DISTOMP_LOG_H
#define DISTOMP_LOG_H

#include <string>

namespace distomp {

enum class LogLevel { Error = 0, Warn, Info, Debug };

/// Parses "error", "warn", "info", "debug" (or 0..3). False if unknown.
bool parseLogLevel(const std::string &Text, LogLevel &Level);

void setLogLevel(LogLevel Level);
void setLogPrefix(const std::string &Prefix); ///< e.g. "distomp-coordinator"
bool logEnabled(LogLevel Level);

/// Writes "<prefix>: <level>: <message>" to stderr in one write, so lines of
/// several processes sharing a terminal never interleave.
void logf(LogLevel Level, const char *Fmt, ...) __attribute__((format(printf, 2, 3)));

} // namespace distomp

#endif
