//===- isolated_libraries.cpp - The runtime's libraries, kept apart -------===//
//
// The runtime must change nothing the program can observe. ZeroMQ calls
// rand() (socket ids, reconnect intervals: the program's unseeded rand()
// sequence would differ from native) and the C library's read, write, send,
// poll..., which a program that defines its own `read` or `write` (legal C
// outside POSIX) would capture. So libzmq is loaded with dlmopen into a link
// namespace of its own, with its own copy of the C library: its rand state,
// its I/O calls and its allocations are its own, and no symbol of the
// program can reach them. These are the C API functions the runtime calls
// (through cppzmq's header); each forwards to that copy. They are local to
// libdistomp.so (rt/process/exports.map): nothing outside it sees them.
//
// elfutils' libdw (race reports' symbols and source lines) is loaded there
// too, on the first report, so a program's own `open` or `read` cannot
// capture the runtime's reading of the executable. Before it, the namespace
// gets libdistomp-no-debuginfod.so, which answers to libdebuginfod's soname
// and has none of its functions: libdwfl, finding none, never fetches debug
// information over the network for a build without -g (what
// DEBUGINFOD_URLS, set by Debian's profile, would make it do), and never
// loads libcurl and OpenSSL, whose exit handlers crashed in this namespace.
//
//===----------------------------------------------------------------------===//
#include "process/isolated_libraries.h"

#include <elfutils/libdwfl.h>
#include <zmq.h>

#include <cstdio>
#include <cstdlib>
#include <dlfcn.h>
#include <initializer_list>
#include <string>
#include <unistd.h>

namespace {

[[noreturn]] void cannotLoad(const char *What, const char *Why) {
  // No logging here: keep this path free of everything but write.
  char Buf[512];
  int N = std::snprintf(Buf, sizeof Buf, "distomp: error: cannot load %s: %s\n", What, Why);
  ssize_t Ignored = ::write(STDERR_FILENO, Buf, size_t(N));
  (void)Ignored;
  _exit(1);
}

/// Loads a library into the namespace (made by the first), by soname (the
/// search path) or else the file this build found; null if neither loads.
void *tryLoad(Lmid_t Ns, const char *Soname, const char *File) {
  for (const char *Name : {Soname, File})
    if (void *L = dlmopen(Ns, Name, RTLD_NOW | RTLD_LOCAL))
      return L;
  return nullptr;
}

void *load(Lmid_t Ns, const char *Soname, const char *File) {
  if (void *L = tryLoad(Ns, Soname, File))
    return L;
  cannotLoad(Soname, dlerror());
}

/// The namespace's libzmq, loaded on first use (the first socket is made in
/// the runtime's start-up, on one thread).
void *libzmq() {
  static void *Lib = load(LM_ID_NEWLM, DISTOMP_ZMQ_SONAME, DISTOMP_ZMQ_FILE);
  return Lib;
}

Lmid_t isolatedNamespace() {
  static Lmid_t Ns = [] {
    Lmid_t N = 0;
    if (dlinfo(libzmq(), RTLD_DI_LMID, &N) != 0)
      cannotLoad(DISTOMP_ZMQ_SONAME, dlerror());
    return N;
  }();
  return Ns;
}

/// libdistomp-no-debuginfod.so: next to the library this code is in (an
/// installed or built libdistomp.so), else where this build made it (the
/// unit tests link the runtime's objects into their executable).
void *noDebuginfod(Lmid_t Ns) {
  Dl_info Self;
  if (dladdr(reinterpret_cast<void *>(&noDebuginfod), &Self) && Self.dli_fname) {
    std::string Dir = Self.dli_fname;
    Dir.erase(Dir.find_last_of('/') + 1);
    if (void *L = dlmopen(Ns, (Dir + DISTOMP_NO_DEBUGINFOD_NAME).c_str(), RTLD_NOW | RTLD_LOCAL))
      return L;
  }
  return dlmopen(Ns, DISTOMP_NO_DEBUGINFOD_FILE, RTLD_NOW | RTLD_LOCAL);
}

/// The namespace's libdw, loaded on first use, or null (said once): reports
/// then name code by its offset and memory by its kind.
void *libdw() {
  static void *Lib = [] {
    const char *Missing = nullptr;
    void *L = nullptr;
    if (!noDebuginfod(isolatedNamespace()))
      Missing = DISTOMP_NO_DEBUGINFOD_NAME;
    else if (!(L = tryLoad(isolatedNamespace(), DISTOMP_DW_SONAME, DISTOMP_DW_FILE)))
      Missing = DISTOMP_DW_SONAME;
    if (Missing) {
      char Buf[512];
      int N = std::snprintf(Buf, sizeof Buf,
                            "distomp: warn: cannot load %s (%s): reports name no symbols or "
                            "source lines\n",
                            Missing, dlerror());
      ssize_t Ignored = ::write(STDERR_FILENO, Buf, size_t(N));
      (void)Ignored;
    }
    return L;
  }();
  return Lib;
}

/// The namespace's C library keeps per-thread state that its own thread
/// start sets up; threads the program or the runtime start come from the
/// main C library, so the copy's ctype tables (isalnum, used when ZeroMQ
/// parses an endpoint) are set up here, once per thread, before the first
/// call into the namespace.
void enterNamespace() {
  thread_local bool Ready = false;
  if (Ready)
    return;
  static void (*CtypeInit)() = [] {
    void (*Init)() = nullptr;
    if (void *Libc = dlmopen(isolatedNamespace(), "libc.so.6", RTLD_NOW | RTLD_NOLOAD))
      Init = reinterpret_cast<void (*)()>(dlsym(Libc, "__ctype_init"));
    return Init;
  }();
  if (CtypeInit)
    CtypeInit();
  Ready = true;
}

template <typename Fn> Fn resolve(void *Lib, const char *Name) {
  void *P = dlsym(Lib, Name);
  if (!P)
    cannotLoad(Name, "the library lacks it");
  return reinterpret_cast<Fn>(P);
}

} // namespace

namespace distomp::rt {
bool debugInfoReaderLoaded() { return libdw() != nullptr; }
} // namespace distomp::rt

// One forwarder per function the runtime calls, with its header's signature
// (zmq.h, libdwfl.h). A function missing here fails the link of
// libdistomp.so (--no-undefined). The libdw ones are called only once
// debugInfoReaderLoaded() said yes.
#define DISTOMP_FORWARD_TO(Lib, Ret, Name, Params, Args)                                           \
  extern "C" Ret Name Params {                                                                     \
    static auto *Real = resolve<Ret(*) Params>(Lib(), #Name);                                      \
    enterNamespace();                                                                              \
    return Real Args;                                                                              \
  }
#define DISTOMP_FORWARD(Ret, Name, Params, Args) DISTOMP_FORWARD_TO(libzmq, Ret, Name, Params, Args)
#define DISTOMP_FORWARD_DW(Ret, Name, Params, Args)                                                \
  DISTOMP_FORWARD_TO(libdw, Ret, Name, Params, Args)

DISTOMP_FORWARD(void *, zmq_ctx_new, (void), ())
DISTOMP_FORWARD(int, zmq_ctx_term, (void *C), (C))
DISTOMP_FORWARD(int, zmq_ctx_set, (void *C, int Option, int Value), (C, Option, Value))
DISTOMP_FORWARD(void *, zmq_socket, (void *C, int Type), (C, Type))
DISTOMP_FORWARD(int, zmq_close, (void *S), (S))
DISTOMP_FORWARD(int, zmq_setsockopt, (void *S, int Option, const void *V, size_t Len),
                (S, Option, V, Len))
DISTOMP_FORWARD(int, zmq_getsockopt, (void *S, int Option, void *V, size_t *Len),
                (S, Option, V, Len))
DISTOMP_FORWARD(int, zmq_bind, (void *S, const char *Addr), (S, Addr))
DISTOMP_FORWARD(int, zmq_connect, (void *S, const char *Addr), (S, Addr))
DISTOMP_FORWARD(int, zmq_send, (void *S, const void *Buf, size_t Len, int Flags),
                (S, Buf, Len, Flags))
DISTOMP_FORWARD(int, zmq_msg_init, (zmq_msg_t * M), (M))
DISTOMP_FORWARD(int, zmq_msg_init_size, (zmq_msg_t * M, size_t Size), (M, Size))
DISTOMP_FORWARD(int, zmq_msg_recv, (zmq_msg_t * M, void *S, int Flags), (M, S, Flags))
DISTOMP_FORWARD(int, zmq_msg_close, (zmq_msg_t * M), (M))
DISTOMP_FORWARD(void *, zmq_msg_data, (zmq_msg_t * M), (M))
DISTOMP_FORWARD(size_t, zmq_msg_size, (const zmq_msg_t *M), (M))
DISTOMP_FORWARD(int, zmq_msg_more, (const zmq_msg_t *M), (M))
DISTOMP_FORWARD(int, zmq_poll, (zmq_pollitem_t * Items, int N, long Timeout), (Items, N, Timeout))
DISTOMP_FORWARD(int, zmq_errno, (void), ())
DISTOMP_FORWARD(const char *, zmq_strerror, (int E), (E))

DISTOMP_FORWARD_DW(Dwfl *, dwfl_begin, (const Dwfl_Callbacks *C), (C))
DISTOMP_FORWARD_DW(void, dwfl_report_begin, (Dwfl * D), (D))
DISTOMP_FORWARD_DW(Dwfl_Module *, dwfl_report_elf,
                   (Dwfl * D, const char *Name, const char *File, int Fd, GElf_Addr Base,
                    bool AddPVaddr),
                   (D, Name, File, Fd, Base, AddPVaddr))
DISTOMP_FORWARD_DW(int, dwfl_report_end,
                   (Dwfl * D,
                    int (*Removed)(Dwfl_Module *, void *, const char *, Dwarf_Addr, void *),
                    void *Arg),
                   (D, Removed, Arg))
DISTOMP_FORWARD_DW(int, dwfl_standard_find_debuginfo,
                   (Dwfl_Module * M, void **User, const char *Name, Dwarf_Addr Base,
                    const char *File, const char *Link, GElf_Word Crc, char **DebugFile),
                   (M, User, Name, Base, File, Link, Crc, DebugFile))
DISTOMP_FORWARD_DW(int, dwfl_offline_section_address,
                   (Dwfl_Module * M, void **User, const char *Name, Dwarf_Addr Base,
                    const char *Section, GElf_Word Index, const GElf_Shdr *Shdr, Dwarf_Addr *Addr),
                   (M, User, Name, Base, Section, Index, Shdr, Addr))
DISTOMP_FORWARD_DW(int, dwfl_module_getsymtab, (Dwfl_Module * M), (M))
DISTOMP_FORWARD_DW(const char *, dwfl_module_getsym_info,
                   (Dwfl_Module * M, int I, GElf_Sym *Sym, GElf_Addr *Addr, GElf_Word *Shndx,
                    Elf **File, Dwarf_Addr *Bias),
                   (M, I, Sym, Addr, Shndx, File, Bias))
DISTOMP_FORWARD_DW(const char *, dwfl_module_addrname, (Dwfl_Module * M, GElf_Addr Addr), (M, Addr))
DISTOMP_FORWARD_DW(Dwarf_Die *, dwfl_module_nextcu,
                   (Dwfl_Module * M, Dwarf_Die *Last, Dwarf_Addr *Bias), (M, Last, Bias))
DISTOMP_FORWARD_DW(int, dwarf_haspc, (Dwarf_Die * Die, Dwarf_Addr PC), (Die, PC))
DISTOMP_FORWARD_DW(Dwarf_Line *, dwarf_getsrc_die, (Dwarf_Die * Die, Dwarf_Addr PC), (Die, PC))
DISTOMP_FORWARD_DW(const char *, dwarf_linesrc,
                   (Dwarf_Line * Line, Dwarf_Word *Mtime, Dwarf_Word *Length),
                   (Line, Mtime, Length))
DISTOMP_FORWARD_DW(int, dwarf_lineno, (Dwarf_Line * Line, int *No), (Line, No))
