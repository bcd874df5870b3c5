; A helper that serial code also calls is cloned: the region calls the instrumented clone, serial code keeps the original at full speed.
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

define void @serial_use(ptr %p) {
  call void @helper(ptr %p)
  ret void
}
; CHECK-LABEL: define void @serial_use(
; CHECK-NEXT: call void @helper(ptr %p)
; CHECK-LABEL: define internal void @body(
; CHECK: call void @helper.distomp(ptr %p)
define internal void @body(ptr noalias %gtid, ptr noalias %btid, ptr %p) {
  call void @helper(ptr %p)
  ret void
}
; CHECK-LABEL: define internal void @helper(
; CHECK-NOT: __distomp
; CHECK: ret void
define internal void @helper(ptr %p) {
  store i32 7, ptr %p
  ret void
}
; CHECK-LABEL: define internal void @helper.distomp(
; CHECK: call void @__distomp_store_miss(ptr %p, i64 4)
