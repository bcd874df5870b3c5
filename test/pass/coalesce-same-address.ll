; Accesses to one address between two synchronization points share one check, made by the first and covering a later store: the load here is checked for writing.
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

; CHECK-LABEL: define internal void @kernel(
; CHECK: icmp ne i8
; CHECK: call void @__distomp_store_miss(ptr %p, i64 4)
; CHECK: %v = load i32, ptr %p
; CHECK-NEXT: %w = add i32 %v, 1
; CHECK-NEXT: store i32 %w, ptr %p
; CHECK-NEXT: %v2 = load i32, ptr %p
; CHECK-NEXT: ret void
define internal void @body(ptr noalias %gtid, ptr noalias %btid, ptr %p) {
  call void @kernel(ptr %gtid, ptr %p)
  ret void
}
; Straight-line code of a region body runs once per thread: the inline checks
; live where accesses repeat, here in a function the body calls.
define internal void @kernel(ptr %gtid, ptr %p) {
  %v = load i32, ptr %p
  %w = add i32 %v, 1
  store i32 %w, ptr %p
  %v2 = load i32, ptr %p
  ret void
}
