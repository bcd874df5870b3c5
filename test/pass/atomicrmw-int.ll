; An integer atomicrmw becomes __distomp_atomic_rmw(addr, value, op, size, C11 order): the runtime performs it on the home copy.
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

; CHECK-LABEL: define internal void @body(
; CHECK: [[OLD:%.*]] = call i64 @__distomp_atomic_rmw(ptr %p, i64 5, i32 1, i32 4, i32 0)
; CHECK-NEXT: [[R:%.*]] = trunc i64 [[OLD]] to i32
; CHECK: store i32 [[R]], ptr %out
; Narrow values travel zero-extended (-3 as i16 is 65533); signed min is op 8.
; CHECK: call i64 @__distomp_atomic_rmw(ptr %p, i64 65533, i32 8, i32 2, i32 5)
; CHECK: call i64 @__distomp_atomic_rmw(ptr %p, i64 7, i32 10, i32 1, i32 4)
; A run-time value is widened in the IR.
; CHECK: [[X:%.*]] = zext i32 %x to i64
; CHECK-NEXT: call i64 @__distomp_atomic_rmw(ptr %p, i64 [[X]], i32 6, i32 4, i32 5)
; CHECK-NOT: atomicrmw
; CHECK-LABEL: define internal void @body.native(
define internal void @body(ptr noalias %gtid, ptr noalias %btid, ptr %p) {
  %out = getelementptr i8, ptr %p, i64 64
  %old = atomicrmw add ptr %p, i32 5 monotonic, align 4
  store i32 %old, ptr %out
  %m = atomicrmw min ptr %p, i16 -3 seq_cst, align 2
  %u = atomicrmw umin ptr %p, i8 7 acq_rel, align 1
  %x = load i32, ptr %out
  %y = atomicrmw xor ptr %p, i32 %x seq_cst, align 4
  ret void
}
