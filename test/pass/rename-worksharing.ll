; Inside a taken region every OpenMP worksharing and synchronization call goes to the DistOMP runtime (__kmpc_X -> __distomp_X), same arguments.
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
; CHECK: call void @__distomp_dispatch_init_8(ptr @loc, i32 %t, i32 1073741860, i64 0, i64 99, i64 1, i64 1)
; CHECK: call i32 @__distomp_dispatch_next_8(ptr @loc, i32 %t, ptr %last, ptr %lb, ptr %ub, ptr %st)
; CHECK: call void @__distomp_dispatch_deinit(ptr @loc, i32 %t)
; CHECK: call void @__distomp_for_static_init_8u(
; CHECK: call void @__distomp_for_static_fini(
; CHECK: call void @__distomp_critical(ptr @loc, i32 %t, ptr
; CHECK: call void @__distomp_end_critical(
; CHECK: call i32 @__distomp_single(
; CHECK: call void @__distomp_end_single(
; CHECK: call i32 @__distomp_masked(ptr @loc, i32 %t, i32 0)
; CHECK: call void @__distomp_end_masked(
; CHECK: call void @__distomp_barrier(
; CHECK-NOT: call {{.*}} @__kmpc_
; CHECK: ret void
@lock = common global [8 x i32] zeroinitializer, align 8
define internal void @body(ptr noalias %gtid, ptr noalias %btid, ptr %p) {
  %last = alloca i32
  %lb = alloca i64
  %ub = alloca i64
  %st = alloca i64
  %t = load i32, ptr %gtid
  call void @__kmpc_dispatch_init_8(ptr @loc, i32 %t, i32 1073741860, i64 0, i64 99, i64 1, i64 1)
  %n = call i32 @__kmpc_dispatch_next_8(ptr @loc, i32 %t, ptr %last, ptr %lb, ptr %ub, ptr %st)
  call void @__kmpc_dispatch_deinit(ptr @loc, i32 %t)
  call void @__kmpc_for_static_init_8u(ptr @loc, i32 %t, i32 34, ptr %last, ptr %lb, ptr %ub, ptr %st, i64 1, i64 1)
  call void @__kmpc_for_static_fini(ptr @loc, i32 %t)
  call void @__kmpc_critical(ptr @loc, i32 %t, ptr @lock)
  call void @__kmpc_end_critical(ptr @loc, i32 %t, ptr @lock)
  %s = call i32 @__kmpc_single(ptr @loc, i32 %t)
  call void @__kmpc_end_single(ptr @loc, i32 %t)
  %m = call i32 @__kmpc_masked(ptr @loc, i32 %t, i32 0)
  call void @__kmpc_end_masked(ptr @loc, i32 %t)
  call void @__kmpc_barrier(ptr @loc, i32 %t)
  ret void
}
declare void @__kmpc_dispatch_init_8(ptr, i32, i32, i64, i64, i64, i64)
declare i32 @__kmpc_dispatch_next_8(ptr, i32, ptr, ptr, ptr, ptr)
declare void @__kmpc_dispatch_deinit(ptr, i32)
declare void @__kmpc_for_static_init_8u(ptr, i32, i32, ptr, ptr, ptr, ptr, i64, i64)
declare void @__kmpc_for_static_fini(ptr, i32)
declare void @__kmpc_critical(ptr, i32, ptr)
declare void @__kmpc_end_critical(ptr, i32, ptr)
declare i32 @__kmpc_single(ptr, i32)
declare void @__kmpc_end_single(ptr, i32)
declare i32 @__kmpc_masked(ptr, i32, i32)
declare void @__kmpc_end_masked(ptr, i32)
declare void @__kmpc_barrier(ptr, i32)
