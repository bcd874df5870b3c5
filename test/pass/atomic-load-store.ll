; Atomic loads and stores (omp atomic read/write) go through the runtime too, with their ordering.
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
; CHECK: [[W:%.*]] = call i64 @__distomp_atomic_load(ptr %p, i32 8, i32 2)
; CHECK-NEXT: [[D:%.*]] = bitcast i64 [[W]] to double
; CHECK: [[B:%.*]] = bitcast double [[D]] to i64
; CHECK-NEXT: call void @__distomp_atomic_store(ptr %q, i64 [[B]], i32 8, i32 3)
; CHECK-NOT: load atomic
; CHECK-NOT: store atomic
; The native body, for a job of one process, keeps them as clang made them.
; CHECK-LABEL: define internal void @body.native(
; CHECK: load atomic double, ptr %p acquire
; CHECK: store atomic double %v, ptr %q release
define internal void @body(ptr noalias %gtid, ptr noalias %btid, ptr %p) {
  %v = load atomic double, ptr %p acquire, align 8
  %q = getelementptr i8, ptr %p, i64 8
  store atomic double %v, ptr %q release, align 8
  ret void
}
