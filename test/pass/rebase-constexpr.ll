; Constant expressions over a writable global are turned into instructions so the delta can apply; the address passed to a call is rebased too.
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
; CHECK-LABEL: define internal void @body(
; CHECK: [[D:%.*]] = load i64, ptr @__distomp_dso_delta
; CHECK: [[G:%.*]] = getelementptr i8, ptr @g, i64 [[D]]
; CHECK-NEXT: [[E:%.*]] = getelementptr inbounds [100 x i32], ptr [[G]], i64 0, i64 7
; CHECK: load i32, ptr [[E]]
; CHECK: [[G2:%.*]] = getelementptr i8, ptr @g, i64 [[D]]
; CHECK-NEXT: call void @use(ptr [[G2]])
define internal void @body(ptr noalias %gtid, ptr noalias %btid, ptr %p) {
  %v = load i32, ptr getelementptr inbounds ([100 x i32], ptr @g, i64 0, i64 7), align 4
  call void @use(ptr @g)
  ret void
}
declare void @use(ptr) memory(none)
