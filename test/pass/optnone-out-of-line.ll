; An unoptimized function (-O0 marks it optnone) gets every check as a call:
; smallest code, and its memory-resident loop variables leave nothing to hoist.
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
; CHECK-NOT: lshr
; The load and the store of %q share one write check.
; CHECK: call void @__distomp_store_range(ptr %q, i64 8)
; CHECK-NEXT: %v = load double, ptr %q
; CHECK-NOT: __distomp
; CHECK: store double
define internal void @body(ptr noalias %gtid, ptr noalias %btid, ptr %p) noinline optnone {
entry:
  %i = alloca i64
  store i64 0, ptr %i
  br label %loop
loop:
  %k = load i64, ptr %i
  %q = getelementptr double, ptr %p, i64 %k
  %v = load double, ptr %q
  call void @llvm.donothing()
  %w = fadd double %v, 1.0
  store double %w, ptr %q
  %n = add i64 %k, 1
  store i64 %n, ptr %i
  %c = icmp ult i64 %n, 100
  br i1 %c, label %loop, label %done
done:
  ret void
}
declare void @llvm.donothing()
