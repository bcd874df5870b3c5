//===- affinity.cpp - omp_capture_affinity for the distributed team -------===//
//
// OpenMP's affinity format (OMP_AFFINITY_FORMAT, omp_set_affinity_format)
// names a thread by its team: %n is the thread's number in the distributed
// team and %N its size, wherever the thread runs; %H and %P are the host and
// process it runs in. Fields: %t %T %L %n %N %a %H %P %i %A, or their long
// names in braces (%{thread_num}); a number gives the width, "." before it
// right-justifies, "0." pads with zeros (libomp's rules).
//
//===----------------------------------------------------------------------===//
#include "team/team.h"

#include <cstdio>
#include <cstring>
#include <sched.h>
#include <string>
#include <sys/syscall.h>
#include <unistd.h>

extern "C" size_t omp_get_affinity_format(char *buffer, size_t size);

namespace distomp::rt {
namespace {

std::string affinityOfThisThread() {
  cpu_set_t Set;
  if (sched_getaffinity(0, sizeof Set, &Set) != 0)
    return "";
  std::string Out;
  for (int C = 0; C < CPU_SETSIZE; ++C) {
    if (!CPU_ISSET(C, &Set))
      continue;
    int E = C;
    while (E + 1 < CPU_SETSIZE && CPU_ISSET(E + 1, &Set))
      ++E;
    if (!Out.empty())
      Out += ',';
    Out += std::to_string(C);
    if (E > C)
      Out += '-' + std::to_string(E);
    C = E;
  }
  return Out;
}

/// The value of one field, or false for a name that is not one.
bool field(const std::string &Name, std::string &Value, bool &Numeric) {
  const TeamState &T = team();
  bool Active = T.Active;
  auto Num = [&](long V) {
    Value = std::to_string(V);
    Numeric = true;
    return true;
  };
  if (Name == "t" || Name == "team_num")
    return Num(0);
  if (Name == "T" || Name == "num_teams")
    return Num(1);
  if (Name == "L" || Name == "nesting_level")
    return Num(T.Level);
  if (Name == "n" || Name == "thread_num")
    return Num(Active ? T.Tid : 0);
  if (Name == "N" || Name == "num_threads")
    return Num(Active ? T.NThreads : 1);
  if (Name == "a" || Name == "ancestor_tnum")
    return Num(T.Level >= 1 ? 0 : -1);
  if (Name == "P" || Name == "process_id")
    return Num(getpid());
  if (Name == "i" || Name == "native_thread_id")
    return Num(long(syscall(SYS_gettid)));
  Numeric = false;
  if (Name == "H" || Name == "host") {
    char Host[256] = {};
    gethostname(Host, sizeof Host - 1);
    Value = Host;
    return true;
  }
  if (Name == "A" || Name == "thread_affinity") {
    Value = affinityOfThisThread();
    return true;
  }
  return false;
}

std::string format(const char *Format) {
  std::string Fmt;
  if (Format && *Format) {
    Fmt = Format;
  } else {
    char Buf[512];
    size_t N = omp_get_affinity_format(Buf, sizeof Buf);
    Fmt.assign(Buf, N < sizeof Buf ? N : sizeof Buf - 1);
  }
  std::string Out;
  for (size_t I = 0; I < Fmt.size(); ++I) {
    if (Fmt[I] != '%' || I + 1 == Fmt.size()) {
      Out += Fmt[I];
      continue;
    }
    size_t Start = I++;
    if (Fmt[I] == '%') {
      Out += '%';
      continue;
    }
    // libomp: "0" pads with zeros, but only a "." after it right-justifies.
    bool Zero = false, Right = false;
    if (Fmt[I] == '0') {
      Zero = true;
      ++I;
    }
    if (I < Fmt.size() && Fmt[I] == '.') {
      Right = true;
      ++I;
    }
    size_t Width = 0;
    while (I < Fmt.size() && Fmt[I] >= '0' && Fmt[I] <= '9')
      Width = Width * 10 + size_t(Fmt[I++] - '0');
    std::string Name;
    if (I < Fmt.size() && Fmt[I] == '{') {
      size_t Close = Fmt.find('}', I);
      if (Close == std::string::npos)
        Close = Fmt.size();
      Name = Fmt.substr(I + 1, Close - I - 1);
      I = Close;
    } else if (I < Fmt.size()) {
      Name = Fmt.substr(I, 1);
    }
    std::string Value;
    bool Numeric = false;
    if (!field(Name, Value, Numeric)) {
      Out += Fmt.substr(Start, I + 1 - Start); // not a field: kept as written
      continue;
    }
    if (Value.size() < Width) {
      std::string Pad(Width - Value.size(), Zero && Right && Numeric ? '0' : ' ');
      Value = Right ? Pad + Value : Value + Pad;
    }
    Out += Value;
  }
  return Out;
}

} // namespace
} // namespace distomp::rt

extern "C" size_t __distomp_omp_capture_affinity(char *Buffer, size_t Size, const char *Format) {
  std::string S = distomp::rt::format(Format);
  if (Buffer && Size) {
    size_t N = S.size() < Size - 1 ? S.size() : Size - 1;
    std::memcpy(Buffer, S.data(), N);
    Buffer[N] = 0;
  }
  return S.size();
}

extern "C" void __distomp_omp_display_affinity(const char *Format) {
  std::string S = distomp::rt::format(Format) + "\n";
  std::fputs(S.c_str(), stdout);
}
