; memmove checks both operands; memset checks its destination; a 32-bit length is widened.
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
; CHECK: call void @__distomp_store_range(ptr %p, i64 64)
; CHECK-NEXT: call void @__distomp_load_range(ptr %q, i64 64)
; CHECK-NEXT: call void @llvm.memmove
; CHECK: [[N:%.*]] = zext i32 %n to i64
; CHECK-NEXT: call void @__distomp_store_range(ptr %q, i64 [[N]])
; CHECK-NEXT: call void @llvm.memset.p0.i32(ptr %q, i8 0, i32 %n, i1 false)
define internal void @body(ptr noalias %gtid, ptr noalias %btid, ptr %p) {
  %q = getelementptr i8, ptr %p, i64 8
  call void @llvm.memmove.p0.p0.i64(ptr %p, ptr %q, i64 64, i1 false)
  %n = trunc i64 1000 to i32
  call void @llvm.memset.p0.i32(ptr %q, i8 0, i32 %n, i1 false)
  ret void
}
declare void @llvm.memmove.p0.p0.i64(ptr, ptr, i64, i1)
declare void @llvm.memset.p0.i32(ptr, i8, i32, i1)
