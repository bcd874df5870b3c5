; A writable global named in instrumented code is addressed as the master's copy: &g plus __distomp_image_delta, loaded once at entry. The check then applies to the rebased address.
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

@g = dso_local global [100 x i32] zeroinitializer, align 16
; The runtime's variable is not dso_local: reached through the GOT, never
; copied into the executable's (shared) data.
; CHECK: @__distomp_dso_delta = linkonce_odr hidden global i64 0, comdat
; The region lists the small global for the master to watch (its races with
; workers on it), with its size.
; CHECK: @distomp.region.watch = private constant [1 x { ptr, i64 }] [{ ptr, i64 } { ptr @g, i64 400 }]
; CHECK: ptr @distomp.region.watch, i64 1 }]
; CHECK-LABEL: define internal void @kernel.distomp(
; CHECK-NEXT: [[D:%.*]] = load i64, ptr @__distomp_dso_delta, align 8, !invariant.load
; CHECK: [[G:%.*]] = getelementptr i8, ptr @g, i64 [[D]]
; CHECK-NEXT: [[E:%.*]] = getelementptr inbounds [100 x i32], ptr [[G]], i64 0, i64 %i
; CHECK-NEXT: ptrtoint ptr [[E]] to i64
; CHECK: call void @__distomp_store_miss(ptr [[E]], i64 4)
; CHECK: store i32 1, ptr [[E]]
define internal void @body(ptr noalias %gtid, ptr noalias %btid, ptr %p) {
  call void @kernel(ptr %gtid, ptr %p)
  ret void
}
; Straight-line code of a region body runs once per thread: the inline checks
; live where accesses repeat, here in a function the body calls.
define internal void @kernel(ptr %gtid, ptr %p) {
  %i = load i64, ptr %p
  %e = getelementptr inbounds [100 x i32], ptr @g, i64 0, i64 %i
  store i32 1, ptr %e, align 4
  ret void
}
