//===- zmq_namespace.cpp - ZeroMQ in a link namespace of its own ----------===//
//
// The runtime must change nothing the program can observe. ZeroMQ calls
// rand() (socket ids, reconnect intervals: the program's unseeded rand()
// sequence would differ from native) and the C library's read, write, send,
// poll..., which a program that defines its own `read` or `write` (legal C
// outside POSIX) would capture. So libzmq is loaded with dlmopen into a new
// link namespace, with its own copy of the C library: its rand state, its
// I/O calls and its allocations are its own, and no symbol of the program
// can reach it. These are the C API functions the runtime (through cppzmq's
// header) calls; each forwards to that copy. They are local to
// libdistomp.so (rt/exports.map): nothing outside it sees them.
//
//===----------------------------------------------------------------------===//
#include <zmq.h>

#include <cstdio>
#include <cstdlib>
#include <dlfcn.h>
#include <initializer_list>
#include <unistd.h>

namespace {

/// The namespace's libzmq, loaded on first use (the first socket is made in
/// the runtime's start-up, on one thread).
void *library() {
  static void *Lib = [] {
    void *L = nullptr;
    for (const char *Name : {DISTOMP_ZMQ_SONAME, DISTOMP_ZMQ_FILE})
      if ((L = dlmopen(LM_ID_NEWLM, Name, RTLD_NOW | RTLD_LOCAL)))
        break;
    if (!L) {
      // No logging here: the log goes through nothing that needs ZeroMQ,
      // but keep this path free of everything but write.
      char Buf[512];
      int N = std::snprintf(Buf, sizeof Buf, "distomp: error: cannot load %s: %s\n",
                            DISTOMP_ZMQ_SONAME, dlerror());
      ssize_t Ignored = ::write(STDERR_FILENO, Buf, size_t(N));
      (void)Ignored;
      _exit(1);
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
    Lmid_t Ns = 0;
    void (*Init)() = nullptr;
    if (dlinfo(library(), RTLD_DI_LMID, &Ns) == 0)
      if (void *Libc = dlmopen(Ns, "libc.so.6", RTLD_NOW | RTLD_NOLOAD))
        Init = reinterpret_cast<void (*)()>(dlsym(Libc, "__ctype_init"));
    return Init;
  }();
  if (CtypeInit)
    CtypeInit();
  Ready = true;
}

template <typename Fn> Fn resolve(const char *Name) {
  void *P = dlsym(library(), Name);
  if (!P) {
    char Buf[256];
    int N = std::snprintf(Buf, sizeof Buf, "distomp: error: %s lacks %s\n", DISTOMP_ZMQ_SONAME,
                          Name);
    ssize_t Ignored = ::write(STDERR_FILENO, Buf, size_t(N));
    (void)Ignored;
    _exit(1);
  }
  return reinterpret_cast<Fn>(P);
}

} // namespace

// One forwarder per function the runtime calls, with zmq.h's signature. A
// function missing here fails the link of libdistomp.so (--no-undefined).
#define DISTOMP_FORWARD(Ret, Name, Params, Args)                                       \
  extern "C" Ret Name Params {                                                         \
    static auto *Real = resolve<Ret(*) Params>(#Name);                                 \
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
