; A global flowing into a PHI is rebased at the end of the incoming block, once per predecessor.
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

@a = dso_local global i32 0
@b = dso_local global i32 0
; CHECK-LABEL: define internal void @body(
; CHECK: left:
; CHECK-NEXT: [[A:%.*]] = getelementptr i8, ptr @a, i64 %distomp.delta
; CHECK-NEXT: br label %join
; CHECK: right:
; CHECK-NEXT: [[B:%.*]] = getelementptr i8, ptr @b, i64 %distomp.delta
; CHECK-NEXT: br label %join
; CHECK: join:
; CHECK-NEXT: %q = phi ptr [ [[A]], %left ], [ [[B]], %right ]
define internal void @body(ptr noalias %gtid, ptr noalias %btid, ptr %p) {
  %c = load i1, ptr %p
  br i1 %c, label %left, label %right
left:
  br label %join
right:
  br label %join
join:
  %q = phi ptr [ @a, %left ], [ @b, %right ]
  store i32 1, ptr %q
  ret void
}
