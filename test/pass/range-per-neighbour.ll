; Accesses of one array in one loop share a range check only where they lie a
; constant distance apart. A periodic stencil's neighbour rows a[(i+1)%n] and
; a[(i+n-1)%n] get a check each: one check from the lesser to the greater
; would, on the last row, span the whole array and fetch every page of it.
; RUN: %opt -passes=distomp-instrument -S %s | FileCheck %s

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

%struct.ident_t = type { i32, i32, i32, i32, ptr }
@.str = private unnamed_addr constant [23 x i8] c";unknown;unknown;0;0;;\00"
@loc = private unnamed_addr constant %struct.ident_t { i32 0, i32 2, i32 0, i32 22, ptr @.str }

declare void @__kmpc_fork_call(ptr, i32, ptr, ...)

define void @serial(ptr %a, ptr %out, i64 %n, i64 %i) {
  call void (ptr, i32, ptr, ...) @__kmpc_fork_call(ptr @loc, i32 4, ptr @body, ptr %a, ptr %out, i64 %n, i64 %i)
  ret void
}

; The row after (two accesses 8 bytes apart: one check) and the row before
; (a check of its own), both before the loop, none in it.
; CHECK-LABEL: define internal void @body(
; CHECK: rows:
; CHECK: mul i64 %ip, %n
; CHECK: call void @__distomp_load_range(ptr
; CHECK: mul i64 %im, %n
; CHECK: call void @__distomp_load_range(ptr
; CHECK-NOT: call void @__distomp
; CHECK: br label %loop
; CHECK: loop:
; CHECK-NOT: call void @__distomp
; CHECK: exit:
define internal void @body(ptr noalias %gtid, ptr noalias %btid, ptr %a, ptr %out, i64 %n, i64 %i) {
entry:
  %pos = icmp sgt i64 %n, 0
  br i1 %pos, label %rows, label %exit

rows:
  %nm1 = add nsw i64 %n, -1
  %imn = add i64 %nm1, %i
  %im = srem i64 %imn, %n
  %ip1 = add nsw i64 %i, 1
  %ip = srem i64 %ip1, %n
  %ipoff = mul nsw i64 %ip, %n
  %after = getelementptr double, ptr %a, i64 %ipoff
  %imoff = mul nsw i64 %im, %n
  %before = getelementptr double, ptr %a, i64 %imoff
  br label %loop

loop:
  %j = phi i64 [ 0, %rows ], [ %j.next, %loop ]
  %s = phi double [ 0.000000e+00, %rows ], [ %s.next, %loop ]
  %pa = getelementptr double, ptr %after, i64 %j
  %va = load double, ptr %pa, align 8
  %pb = getelementptr double, ptr %before, i64 %j
  %vb = load double, ptr %pb, align 8
  %sum = fadd double %va, %vb
  %pa1 = getelementptr i8, ptr %pa, i64 8
  %va1 = load double, ptr %pa1, align 8
  %sum1 = fadd double %sum, %va1
  %s.next = fadd double %s, %sum1
  %j.next = add nuw nsw i64 %j, 1
  %done = icmp eq i64 %j.next, %n
  br i1 %done, label %exit.loop, label %loop

exit.loop:
  br label %exit

exit:
  %r = phi double [ 0.000000e+00, %entry ], [ %s.next, %exit.loop ]
  store double %r, ptr %out, align 8
  ret void
}
