; A writable global declared here but defined elsewhere may be the executable's or a shared library's: the runtime decides (__distomp_rebase_extern).
; RUN: %opt -passes=distomp-instrument -S %s | FileCheck %s
; RUN: %opt -passes=distomp-instrument -S %s | FileCheck %s --check-prefix=BODY2

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

@ext = external global i32
; CHECK-LABEL: define internal void @kernel.distomp(
; CHECK: [[R:%.*]] = call ptr @__distomp_rebase_extern(ptr @ext)
; CHECK: call void @__distomp_load_miss(ptr [[R]], i64 4)
; CHECK: load i32, ptr [[R]]
define internal void @body(ptr noalias %gtid, ptr noalias %btid, ptr %p) {
  call void @kernel(ptr %gtid, ptr %p)
  ret void
}
; Straight-line code of a region body runs once per thread: the inline checks
; live where accesses repeat, here in a function the body calls.
define internal void @kernel(ptr %gtid, ptr %p) {
  %v = load i32, ptr @ext, align 4
  ret void
}

; A global defined here but preemptible (default visibility in a -fPIC
; library: the executable may own a copy) is rebased by whichever object
; holds it, like a declared one.
@preempt = global i32 0
define void @serial2() {
  call void (ptr, i32, ptr, ...) @__kmpc_fork_call(ptr @loc, i32 0, ptr @body2)
  ret void
}
; BODY2-LABEL: define internal void @body2(
; BODY2: call ptr @__distomp_rebase_extern(ptr @preempt)
define internal void @body2(ptr noalias %gtid, ptr noalias %btid) {
  store i32 1, ptr @preempt
  ret void
}
