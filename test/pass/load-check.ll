; A load through a possibly shared pointer gets the inline shadow check: page >> 12 plus the shadow offset, miss when the state is above READONLY (1).
; RUN: %opt -passes=distomp-instrument -S %s | FileCheck %s
; RUN: %opt -passes=distomp-instrument -S %s | FileCheck %s --check-prefix=DECL

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

; The callee keeps its original for the region's native body (body.native);
; the instrumented version is a clone.
; CHECK-LABEL: define internal void @kernel.distomp(
; CHECK: [[A:%.*]] = ptrtoint ptr %p to i64
; CHECK-NEXT: [[PG:%.*]] = lshr i64 [[A]], 12
; CHECK-NEXT: [[SA:%.*]] = add i64 [[PG]], 17592186044416
; CHECK-NEXT: [[SP:%.*]] = inttoptr i64 [[SA]] to ptr
; CHECK-NEXT: [[S:%.*]] = load i8, ptr [[SP]], align 1
; CHECK-NEXT: [[MISS:%.*]] = icmp ugt i8 [[S]], 1
; CHECK-NEXT: br i1 [[MISS]], label %[[SLOW:.*]], label %[[FAST:.*]], !prof
; CHECK: [[SLOW]]:
; CHECK-NEXT: call void @__distomp_load_miss(ptr %p, i64 4)
; CHECK: [[FAST]]:
; CHECK-NEXT: %v = load i32, ptr %p, align 4
define internal void @body(ptr noalias %gtid, ptr noalias %btid, ptr %p) {
  call void @kernel(ptr %gtid, ptr %p)
  ret void
}
; Straight-line code of a region body runs once per thread: the inline checks
; live where accesses repeat, here in a function the body calls.
define internal void @kernel(ptr %gtid, ptr %p) {
  %v = load i32, ptr %p, align 4
  ret void
}
; DECL: declare void @__distomp_load_miss(ptr, i64) #[[COLD:[0-9]+]]
; DECL: attributes #[[COLD]] = { cold nounwind }
