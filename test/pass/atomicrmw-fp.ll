; Floating-point atomicrmw travels as the value's bit pattern: fadd on double is op 11, size 8.
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
; 4612811918334230528 is the bit pattern of 2.5.
; CHECK: [[OLD:%.*]] = call i64 @__distomp_atomic_rmw(ptr %p, i64 4612811918334230528, i32 11, i32 8, i32 0)
; CHECK-NEXT: bitcast i64 [[OLD]] to double
; 1065353216 is the bit pattern of 1.0f.
; CHECK: [[F:%.*]] = call i64 @__distomp_atomic_rmw(ptr %p, i64 1065353216, i32 12, i32 4, i32 5)
; CHECK-NEXT: [[T:%.*]] = trunc i64 [[F]] to i32
; CHECK-NEXT: bitcast i32 [[T]] to float
define internal void @body(ptr noalias %gtid, ptr noalias %btid, ptr %p) {
  %old = atomicrmw fadd ptr %p, double 2.5 monotonic, align 8
  %f = atomicrmw fsub ptr %p, float 1.0 seq_cst, align 4
  ret void
}
