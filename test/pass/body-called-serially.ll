; With if(false) clang calls the outlined body directly from serial code: that call keeps the original, the fork runs an instrumented clone.
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

define void @serial_if(ptr %p) {
  %t = call i32 @__kmpc_global_thread_num(ptr @loc)
  %z = alloca i32
  call void @__kmpc_serialized_parallel(ptr @loc, i32 %t)
  call void @body(ptr %z, ptr %z, ptr %p)
  call void @__kmpc_end_serialized_parallel(ptr @loc, i32 %t)
  ret void
}
; CHECK-LABEL: define void @serial_if(
; CHECK: call void @body(ptr %z, ptr %z, ptr %p)
; CHECK-LABEL: define internal void @body(
; CHECK-NOT: __distomp
; CHECK: ret void
define internal void @body(ptr noalias %gtid, ptr noalias %btid, ptr %p) {
  store i32 1, ptr %p
  ret void
}
; The clone serves only the fork: it takes the entry's shape.
; CHECK-LABEL: define internal void @body.distomp(ptr noalias %gtid, ptr noalias %btid, ptr %distomp.args)
; CHECK: %p = load ptr, ptr
; CHECK: call void @__distomp_store_range(ptr %p, i64 4)
declare i32 @__kmpc_global_thread_num(ptr)
declare void @__kmpc_serialized_parallel(ptr, i32)
declare void @__kmpc_end_serialized_parallel(ptr, i32)
