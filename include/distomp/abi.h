/*===- distomp/abi.h - The contract between the DistOMP pass and runtime --===
 *
 * Every symbol the pass emits into a program is declared here. The pass and the
 * runtime are built from the same tree; a program built by one pass version
 * and linked against another runtime is refused at start-up by
 * DISTOMP_ABI_VERSION (carried in every region descriptor).
 *
 * Address model. A "shared" address is the master process's virtual address.
 * Worker processes reserve the master's writable ranges at the same addresses,
 * so pointers stored inside data stay valid everywhere. Before an instrumented
 * access the pass checks one shadow byte per 4 KiB page (inline); only a miss
 * calls the runtime.
 *===----------------------------------------------------------------------===*/
#ifndef DISTOMP_ABI_H
#define DISTOMP_ABI_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif
/* The runtime builds with hidden visibility; its ABI is what it exports. */
#pragma GCC visibility push(default)

#define DISTOMP_ABI_VERSION 2u /* 2: modules register functions; per-object deltas */

/*---------------------------------------------------------------------------
 * Shadow: state of each 4 KiB page of the 47-bit user address space, one byte
 * per page, at a fixed address so the inline check needs no load of a base:
 *   shadow(addr) = *(uint8_t *)(((uintptr_t)addr >> 12) + DISTOMP_SHADOW_OFFSET)
 * Untouched shadow reads as 0, so private memory (stacks, the worker's own
 * heap) costs nothing but the check.
 *-------------------------------------------------------------------------*/
#define DISTOMP_PAGE_SHIFT 12u
#define DISTOMP_PAGE_SIZE (1ull << DISTOMP_PAGE_SHIFT)
#define DISTOMP_SHADOW_OFFSET 0x100000000000ull /* 16 TiB */
#define DISTOMP_SHADOW_SIZE (1ull << (47u - DISTOMP_PAGE_SHIFT))

enum distomp_page_state {
  DISTOMP_PAGE_WRITABLE = 0, /* loads and stores go ahead */
  DISTOMP_PAGE_READONLY = 1, /* loads go ahead; a store takes the miss path */
  DISTOMP_PAGE_INVALID = 2,  /* both take the miss path */
};

/* Miss paths of the inline check: make [addr, addr+size) loadable (or
 * storable) in this process, then return. Never return on failure: they end
 * the program with a message naming the address. */
void __distomp_load_miss(const void *addr, size_t size);
void __distomp_store_miss(void *addr, size_t size);

/* Out-of-line checks of a whole range (memcpy/memmove/memset operands, and
 * ranges hoisted out of loops): check every page, take the miss path where
 * needed. */
void __distomp_load_range(const void *addr, size_t size);
void __distomp_store_range(void *addr, size_t size);

/*---------------------------------------------------------------------------
 * Atomics. An atomic on shared memory must act on the home copy, so the pass
 * turns every atomic load, store, read-modify-write and compare-exchange of
 * 1, 2, 4 or 8 bytes into one of these. Values travel as the low bytes of a
 * uint64_t (floating point as its bit pattern); `order` is the C11
 * memory_order (__ATOMIC_RELAXED .. __ATOMIC_SEQ_CST).
 *-------------------------------------------------------------------------*/
enum distomp_rmw_op {
  DISTOMP_RMW_XCHG = 0,
  DISTOMP_RMW_ADD,
  DISTOMP_RMW_SUB,
  DISTOMP_RMW_AND,
  DISTOMP_RMW_NAND,
  DISTOMP_RMW_OR,
  DISTOMP_RMW_XOR,
  DISTOMP_RMW_MAX,  /* signed */
  DISTOMP_RMW_MIN,  /* signed */
  DISTOMP_RMW_UMAX,
  DISTOMP_RMW_UMIN,
  DISTOMP_RMW_FADD, /* size 4: float, size 8: double */
  DISTOMP_RMW_FSUB,
  DISTOMP_RMW_FMAX,
  DISTOMP_RMW_FMIN,
  DISTOMP_RMW_UINC_WRAP, /* old >= v ? 0 : old + 1 */
  DISTOMP_RMW_UDEC_WRAP, /* old == 0 || old > v ? v : old - 1 */
  DISTOMP_RMW_NUM_OPS
};

uint64_t __distomp_atomic_load(const void *addr, uint32_t size, uint32_t order);
void __distomp_atomic_store(void *addr, uint64_t value, uint32_t size, uint32_t order);
/* Returns the old value. */
uint64_t __distomp_atomic_rmw(void *addr, uint64_t value, uint32_t op, uint32_t size,
                              uint32_t order);
/* A relaxed integer read-modify-write whose old value is not used (op: ADD,
 * SUB, AND, OR, XOR, MAX, MIN, UMAX, UMIN), as `#pragma omp atomic` without
 * capture makes: a worker may combine it with its other updates of the
 * place and perform them at the home at its next release, or before any
 * other access of it there. */
void __distomp_atomic_update(void *addr, uint64_t value, uint32_t op, uint32_t size);
/* Strong compare-exchange; returns the old value (success iff old == expected). */
uint64_t __distomp_atomic_cmpxchg(void *addr, uint64_t expected, uint64_t desired,
                                  uint32_t size, uint32_t success_order,
                                  uint32_t failure_order);

/*---------------------------------------------------------------------------
 * Image rebasing. Position-independent executables and shared libraries load
 * at a different base in every process. Instrumented code names a writable
 * global its own object defines as (&global + __distomp_dso_delta), the
 * master's address of it. Every object (the executable, each library built
 * by the pass) has its own hidden __distomp_dso_delta, emitted by the pass
 * and merged across the object's modules; the runtime sets it in workers at
 * join (0 on the master and in a single process).
 *-------------------------------------------------------------------------*/
/* A writable global declared but not defined in the module, or defined but
 * preemptible, may live in any object: rebased by the delta of the object
 * that holds it (unchanged if that object was not built by the pass). */
void *__distomp_rebase_extern(void *addr);
/* Function pointers read from shared memory hold the master's code
 * addresses; indirect calls in instrumented code translate them first, to the
 * target's instrumented version in this process. A target with none runs as
 * it is in the master and stops a worker with a message naming it. */
void *__distomp_translate_code(void *fn);
/* A direct call from instrumented code to a function this module only
 * declares goes to the function's instrumented version, wherever it was
 * compiled: the pass caches the answer in a per-module slot. */
void *__distomp_resolve_call(void *fn);

/*---------------------------------------------------------------------------
 * Parallel regions. For each __kmpc_fork_call it takes, the pass emits a
 * region descriptor and an entry trampoline, and calls __distomp_fork_call
 * with the region's arguments packed into an array of 8-byte slots.
 *-------------------------------------------------------------------------*/
typedef struct ident ident_t; /* libomp's source-location record */

/* Unpacks `args` and calls the instrumented outlined body. Same shape as a
 * libomp microtask with one argument. */
typedef void (*distomp_region_entry)(int32_t *gtid, int32_t *btid, void **args);

typedef struct distomp_region {
  uint64_t id;            /* stable: FNV-1a of module name and body name */
  uint32_t abi_version;   /* DISTOMP_ABI_VERSION of the pass */
  uint32_t num_args;      /* slots in the args array */
  distomp_region_entry entry;
  const char *name;       /* outlined body, e.g. "main.omp_outlined" */
  const char *file;       /* source file of the fork ("" if unknown) */
  uint32_t line;          /* line of the fork (0 if unknown) */
  uint32_t num_callees;
  /* The body as clang compiled it, same shape as entry: run with libomp in
   * the master when the job has one process, or when the region reaches
   * code without an instrumented version. */
  distomp_region_entry native_entry;
  /* Functions other objects define that the region's code calls directly. */
  void *const *callees;
  /* Small writable globals its code names: the master watches them for its
   * own writes from the region's start, so its races with workers are seen. */
  const struct distomp_watch { const void *addr; uint64_t size; } *watch;
  uint64_t num_watch;
} distomp_region;

/* A function of the module that code outside it may call (external linkage,
 * or address taken), with the version distributed regions run. */
typedef struct distomp_function {
  void *original;
  void *instrumented;     /* null: it cannot run distributed (see reason) */
  const char *name;       /* symbol name */
  const char *reason;     /* null, or why it keeps a region local */
  void *const *callees;   /* functions other objects define that it calls */
  uint64_t num_callees;
} distomp_function;

typedef struct distomp_module {
  uint32_t abi_version;
  uint32_t reserved;
  intptr_t *dso_delta;    /* the module's object's __distomp_dso_delta */
  const distomp_region *regions;
  uint64_t num_regions;
  const distomp_function *functions;
  uint64_t num_functions;
} distomp_module;

/* Called once per module, from a constructor the pass emits (priority 0). */
void __distomp_register_module(const distomp_module *module);

/* Replaces __kmpc_fork_call: runs `region` with the team the runtime forms. */
void __distomp_fork_call(ident_t *loc, const distomp_region *region, void **args);

/*---------------------------------------------------------------------------
 * OpenMP entry points renamed inside taken regions: __kmpc_X becomes
 * __distomp_X and omp_X becomes __distomp_omp_X, same signature. See
 * entry_points.def for the list.
 *-------------------------------------------------------------------------*/
#define DISTOMP_KMPC(Ret, Suffix, Params, Args) Ret __distomp_##Suffix Params;
#define DISTOMP_OMP(Ret, Suffix, Params, Args) Ret __distomp_omp_##Suffix Params;
#define DISTOMP_OMPC(Ret, Suffix, Params, Args) Ret __distomp_omp_##Suffix Params;
#include "distomp/entry_points.def"

#pragma GCC visibility pop
#ifdef __cplusplus
} /* extern "C" */
#endif

#endif /* DISTOMP_ABI_H */
