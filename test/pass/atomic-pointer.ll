; Pointer-typed atomics travel as integers and come back as pointers.
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
; CHECK: [[N:%.*]] = ptrtoint ptr %q to i64
; CHECK-NEXT: [[OLD:%.*]] = call i64 @__distomp_atomic_rmw(ptr %p, i64 [[N]], i32 0, i32 8, i32 5)
; CHECK-NEXT: inttoptr i64 [[OLD]] to ptr
define internal void @body(ptr noalias %gtid, ptr noalias %btid, ptr %p) {
  %q = getelementptr i8, ptr %p, i64 8
  %old = atomicrmw xchg ptr %p, ptr %q seq_cst, align 8
  ret void
}
