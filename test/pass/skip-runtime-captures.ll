; Allocas handed only to the runtime (loop bounds) or stored into a list only the runtime reads (a reduction's pointer list) stay private.
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
; CHECK: call void @__distomp_for_static_init_4(
; CHECK-NOT: __distomp_load_miss
; CHECK-NOT: __distomp_store_miss
; CHECK: ret void
define internal void @body(ptr noalias %gtid, ptr noalias %btid, ptr %p) {
  %last = alloca i32
  %lb = alloca i32
  %ub = alloca i32
  %st = alloca i32
  %acc = alloca double
  %list = alloca [1 x ptr]
  store i32 0, ptr %lb
  store i32 99, ptr %ub
  %t = load i32, ptr %gtid
  call void @__kmpc_for_static_init_4(ptr @loc, i32 %t, i32 34, ptr %last, ptr %lb, ptr %ub, ptr %st, i32 1, i32 1)
  %l = load i32, ptr %lb
  store double 1.0, ptr %acc
  store ptr %acc, ptr %list
  %r = call i32 @__kmpc_reduce_nowait(ptr @loc, i32 %t, i32 1, i64 8, ptr %list, ptr null, ptr null)
  ret void
}
declare void @__kmpc_for_static_init_4(ptr, i32, i32, ptr, ptr, ptr, ptr, i32, i32)
declare i32 @__kmpc_reduce_nowait(ptr, i32, i32, i64, ptr, ptr, ptr)
