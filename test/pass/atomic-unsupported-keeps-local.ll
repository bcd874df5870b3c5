; An atomic the runtime cannot perform at home (16 bytes here) keeps the whole region local, with a warning; nothing is rewritten.
; RUN: %opt -passes=distomp-instrument -S %s | FileCheck %s

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

; RUN: %opt -passes=distomp-instrument -disable-output %s 2>&1 | FileCheck %s --check-prefix=WARN
; WARN: warning: {{.*}}distomp: parallel region 'body' runs locally with libomp, not distributed: it uses an atomic operation wider than 8 bytes
; CHECK: call void (ptr, i32, ptr, ...) @__kmpc_fork_call(ptr @loc, i32 1, ptr @body, ptr %p)
; CHECK-NOT: __distomp_fork_call
; CHECK: cmpxchg ptr %p, i128 0, i128 1 seq_cst seq_cst
define internal void @body(ptr noalias %gtid, ptr noalias %btid, ptr %p) {
  %r = cmpxchg ptr %p, i128 0, i128 1 seq_cst seq_cst, align 16
  ret void
}
