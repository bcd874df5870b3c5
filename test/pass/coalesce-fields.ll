; Accesses through one pointer at constant offsets (a struct's fields) share
; one check over their span; offsets more than a page apart do not.
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
define internal void @body(ptr noalias %gtid, ptr noalias %btid, ptr %p) {
  call void @kernel(ptr %p)
  ret void
}
; CHECK-LABEL: define internal void @kernel(
; x at 8, y at 16 (written), z at 24: one write check over [8, 32).
; CHECK: [[S:%distomp.span]] = getelementptr i8, ptr %q, i64 8
; CHECK: [[A:%.*]] = ptrtoint ptr [[S]] to i64
; CHECK: add i64 [[A]], 23
; CHECK: icmp ne i8
; CHECK: call void @__distomp_store_miss(ptr [[S]], i64 24)
; CHECK-NOT: __distomp_load_miss(ptr %y
; CHECK: load double, ptr %x
; 8 KiB further on: a check of its own.
; CHECK: call void @__distomp_load_miss(ptr %far, i64 8)
define internal void @kernel(ptr %p) {
  %q = load ptr, ptr %p
  %x = getelementptr i8, ptr %q, i64 8
  %y = getelementptr i8, ptr %q, i64 16
  %z = getelementptr i8, ptr %q, i64 24
  %vx = load double, ptr %x
  %vz = load double, ptr %z
  %s = fadd double %vx, %vz
  store double %s, ptr %y
  %far = getelementptr i8, ptr %q, i64 8192
  %vf = load double, ptr %far
  ret void
}
