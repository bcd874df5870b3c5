; An atomic done by a libatomic call (long double, large structs) cannot be
; performed at home: the region stays local, with a warning.
; RUN: %opt -passes=distomp-instrument -S %s 2>%t.err | FileCheck %s
; RUN: FileCheck %s --check-prefix=WARN < %t.err
; WARN: warning: {{.*}}distomp: parallel region 'body' runs locally with libomp, not distributed: it uses an atomic operation the runtime cannot perform (a call to '__atomic_compare_exchange')
; CHECK: call void (ptr, i32, ptr, ...) @__kmpc_fork_call(ptr @loc, i32 1, ptr @body, ptr %p)

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

%struct.ident_t = type { i32, i32, i32, i32, ptr }
@.str = private unnamed_addr constant [23 x i8] c";unknown;unknown;0;0;;\00"
@loc = private unnamed_addr constant %struct.ident_t { i32 0, i32 2, i32 0, i32 22, ptr @.str }

declare void @__kmpc_fork_call(ptr, i32, ptr, ...)

define void @serial(ptr %p) {
  call void (ptr, i32, ptr, ...) @__kmpc_fork_call(ptr @loc, i32 1, ptr @body, ptr %p)
  ret void
}
define internal void @body(ptr noalias %gtid, ptr noalias %btid, ptr %p) {
  %e = alloca x86_fp80
  %d = alloca x86_fp80
  %ok = call zeroext i1 @__atomic_compare_exchange(i64 16, ptr %p, ptr %e, ptr %d, i32 5, i32 5)
  ret void
}
declare zeroext i1 @__atomic_compare_exchange(i64, ptr, ptr, ptr, i32, i32)
