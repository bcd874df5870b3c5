; The first two arguments of an outlined body point at the thread's ids: private, never checked.
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
; CHECK: %p = load ptr, ptr
; CHECK-NEXT: %t = load i32, ptr %gtid
; CHECK-NEXT: %b = load i32, ptr %btid
; CHECK-NEXT: call void @__distomp_load_range(ptr %p, i64 4)
define internal void @body(ptr noalias %gtid, ptr noalias %btid, ptr %p) {
  %t = load i32, ptr %gtid
  %b = load i32, ptr %btid
  %v = load i32, ptr %p
  ret void
}
