; A function other translation units may call (external linkage, here an inline C++ function) is always cloned: callers the pass cannot see must keep the original.
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
  call void @api(ptr %p)
  call void @inl(ptr %p)
  ret void
}
; CHECK-LABEL: define internal void @body(
; CHECK: call void @api.distomp(ptr %p)
; CHECK: call void @inl.distomp(ptr %p)
; CHECK-LABEL: define void @api(
; CHECK-NOT: __distomp
; CHECK: ret void
define void @api(ptr %p) {
  store i32 1, ptr %p
  ret void
}
$inl = comdat any
define linkonce_odr void @inl(ptr %p) comdat {
  store i32 2, ptr %p
  ret void
}
; The clones are the module's own: internal, outside any comdat.
; CHECK: define internal void @api.distomp(
; CHECK: call void @__distomp_store_miss
; CHECK: define internal void @inl.distomp(ptr %p) {
; CHECK: call void @__distomp_store_miss
