; cmpxchg becomes __distomp_atomic_cmpxchg, a strong compare-exchange returning the old value; success is old == expected.
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
; CHECK: [[E:%.*]] = zext i32 %e to i64
; CHECK: [[OLD:%.*]] = call i64 @__distomp_atomic_cmpxchg(ptr %p, i64 [[E]], i64 {{.*}}, i32 4, i32 5, i32 2)
; CHECK: [[O32:%.*]] = trunc i64 [[OLD]] to i32
; CHECK: [[P1:%.*]] = insertvalue { i32, i1 } undef, i32 [[O32]], 0
; CHECK: [[OK:%.*]] = icmp eq i64 [[OLD]], [[E]]
; CHECK: insertvalue { i32, i1 } [[P1]], i1 [[OK]], 1
; CHECK-NOT: cmpxchg ptr
define internal void @body(ptr noalias %gtid, ptr noalias %btid, ptr %p) {
  %e = load i32, ptr %p
  %r = cmpxchg weak ptr %p, i32 %e, i32 7 seq_cst acquire, align 4
  %ok = extractvalue { i32, i1 } %r, 1
  ret void
}
