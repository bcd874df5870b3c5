; An access whose alignment is below its size may straddle two pages: the shadow bytes of its first and last byte are combined.
; RUN: %opt -passes=distomp-instrument -S %s | FileCheck %s

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

%struct.ident_t = type { i32, i32, i32, i32, ptr }
@.str = private unnamed_addr constant [23 x i8] c";unknown;unknown;0;0;;\00"
@loc = private unnamed_addr constant %struct.ident_t { i32 0, i32 2, i32 0, i32 22, ptr @.str }

declare void @__kmpc_fork_call(ptr, i32, ptr, ...)

define void @serial(ptr %p, ptr %q) {
  call void (ptr, i32, ptr, ...) @__kmpc_fork_call(ptr @loc, i32 2, ptr @body, ptr %p, ptr %q)
  ret void
}

; CHECK-LABEL: define internal void @kernel(
; CHECK: [[A:%.*]] = ptrtoint ptr %p to i64
; CHECK: [[S1:%.*]] = load i8, ptr
; CHECK: [[LAST:%.*]] = add i64 [[A]], 7
; CHECK: [[S2:%.*]] = load i8, ptr
; CHECK: [[S:%.*]] = or i8 [[S1]], [[S2]]
; CHECK-NEXT: icmp ugt i8 [[S]], 1
; CHECK: call void @__distomp_load_miss(ptr %p, i64 8)
; CHECK: load i64, ptr %p, align 2
; Naturally aligned: one shadow byte.
; CHECK: ptrtoint ptr %q to i64
; CHECK-NOT: or i8
; CHECK: call void @__distomp_load_miss(ptr %q, i64 8)
define internal void @body(ptr noalias %gtid, ptr noalias %btid, ptr %p, ptr %q) {
  call void @kernel(ptr %q, ptr %p)
  ret void
}
; Straight-line code of a region body runs once per thread: the inline checks
; live where accesses repeat, here in a function the body calls.
define internal void @kernel(ptr %q, ptr %p) {
  %v = load i64, ptr %p, align 2
  %w = load i64, ptr %q, align 8
  ret void
}
