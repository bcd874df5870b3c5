; Recursive helpers: the instrumented version calls itself, not the original; mutual recursion too.
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
  call void @even(ptr %p, i32 4)
  ret void
}
define internal void @body(ptr noalias %gtid, ptr noalias %btid, ptr %p) {
  call void @even(ptr %p, i32 10)
  ret void
}
define internal void @even(ptr %p, i32 %n) {
  store i32 %n, ptr %p
  %z = icmp eq i32 %n, 0
  br i1 %z, label %done, label %more
more:
  %m = sub i32 %n, 1
  call void @odd(ptr %p, i32 %m)
  br label %done
done:
  ret void
}
define internal void @odd(ptr %p, i32 %n) {
  %m = sub i32 %n, 1
  call void @even(ptr %p, i32 %m)
  ret void
}
; CHECK-LABEL: define internal void @even(
; CHECK: call void @odd(
; CHECK-LABEL: define internal void @odd(
; CHECK: call void @even(
; CHECK-LABEL: define internal void @even.distomp(
; CHECK: __distomp_store_miss
; CHECK: call void @odd.distomp(
; CHECK-LABEL: define internal void @odd.distomp(
; CHECK: call void @even.distomp(
