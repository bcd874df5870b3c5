; Straight-line code of a region body runs once per thread and region (mostly
; loading its captured variables): it calls the out-of-line range check rather
; than carrying an inline fast path. Inside a loop of the body the check is inline.
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
; CHECK: call void @__distomp_load_range(ptr %p, i64 8)
; CHECK-NEXT: %q = load ptr, ptr %p
; CHECK: loop:
; CHECK: icmp ugt i8
; CHECK: call void @__distomp_load_miss(ptr %e, i64 8)
; CHECK: load double, ptr %e
define internal void @body(ptr noalias %gtid, ptr noalias %btid, ptr %p) {
entry:
  %q = load ptr, ptr %p
  br label %loop
loop:
  %i = phi i64 [ 0, %entry ], [ %n, %loop ]
  %k = load i64, ptr %q
  %e = getelementptr double, ptr %q, i64 %k
  %v = load double, ptr %e
  %n = add i64 %i, 1
  %c = fcmp olt double %v, 1.0
  br i1 %c, label %loop, label %done
done:
  ret void
}
