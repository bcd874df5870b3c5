; Masked contiguous loads and stores: lanes the mask turns off may lie on the next page, so both ends of the vector are checked.
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
; CHECK: [[A:%.*]] = ptrtoint ptr %p to i64
; CHECK: add i64 [[A]], 31
; CHECK: or i8
; CHECK: icmp ugt i8
; CHECK: call void @__distomp_load_miss(ptr %p, i64 32)
; CHECK: call <8 x float> @llvm.masked.load.v8f32.p0(ptr %p
; CHECK: icmp ne i8
; CHECK: call void @__distomp_store_miss(ptr %q, i64 32)
; CHECK: call void @llvm.masked.store.v8f32.p0(<8 x float> %v, ptr %q
define internal void @body(ptr noalias %gtid, ptr noalias %btid, ptr %p) {
  %v = call <8 x float> @llvm.masked.load.v8f32.p0(ptr %p, i32 4, <8 x i1> <i1 1, i1 1, i1 1, i1 1, i1 0, i1 0, i1 0, i1 0>, <8 x float> zeroinitializer)
  %q = getelementptr i8, ptr %p, i64 8192
  call void @llvm.masked.store.v8f32.p0(<8 x float> %v, ptr %q, i32 4, <8 x i1> <i1 1, i1 1, i1 1, i1 1, i1 0, i1 0, i1 0, i1 0>)
  ret void
}
declare <8 x float> @llvm.masked.load.v8f32.p0(ptr, i32, <8 x i1>, <8 x float>)
declare void @llvm.masked.store.v8f32.p0(<8 x float>, ptr, i32, <8 x i1>)
