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
// elfutils' libdw (race reports' source lines) is not moved there: at load
// it opens libdebuginfod, whose OpenSSL crashed in that namespace's exit
// handlers. It runs only in the master, when a report is printed.
//
//===----------------------------------------------------------------------===//
#include <zmq.h>

#include <cstdio>
#include <cstdlib>
#include <dlfcn.h>
#include <initializer_list>
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
/// search path) or else the file this build found.
void *load(Lmid_t Ns, const char *Soname, const char *File) {
  for (const char *Name : {Soname, File})
    if (void *L = dlmopen(Ns, Name, RTLD_NOW | RTLD_LOCAL))
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

// One forwarder per function the runtime calls, with zmq.h's signature. A
// function missing here fails the link of libdistomp.so (--no-undefined).
#define DISTOMP_FORWARD(Ret, Name, Params, Args)                                       \
  extern "C" Ret Name Params {                                                         \
    static auto *Real = resolve<Ret(*) Params>(libzmq(), #Name);                       \
    enterNamespace();                                                                  \
    return Real Args;                                                                  \
  }

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

