; num_threads and proc_bind are pushed in serial code right before their fork: they belong to the region and go to the runtime with it; a push belonging to an earlier fork is not touched.
; RUN: %opt -passes=distomp-instrument -S %s | FileCheck %s

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

%struct.ident_t = type { i32, i32, i32, i32, ptr }
@.str = private unnamed_addr constant [23 x i8] c";unknown;unknown;0;0;;\00"
@loc = private unnamed_addr constant %struct.ident_t { i32 0, i32 2, i32 0, i32 22, ptr @.str }

declare void @__kmpc_fork_call(ptr, i32, ptr, ...)

; CHECK-LABEL: define void @serial(
; CHECK: call void @__kmpc_push_num_threads(ptr @loc, i32 %t, i32 3)
; CHECK-NEXT: call void (ptr, i32, ptr, ...) @__kmpc_fork_call(ptr @loc, i32 1, ptr @local_body
; CHECK: call void @__distomp_push_num_threads(ptr @loc, i32 %t, i32 2)
; CHECK-NEXT: call void @__distomp_push_proc_bind(ptr @loc, i32 %t, i32 4)
; CHECK: call void @__distomp_fork_call(
define void @serial(ptr %p) {
  %t = call i32 @__kmpc_global_thread_num(ptr @loc)
  call void @__kmpc_push_num_threads(ptr @loc, i32 %t, i32 3)
  call void (ptr, i32, ptr, ...) @__kmpc_fork_call(ptr @loc, i32 1, ptr @local_body, ptr %p)
  call void @__kmpc_push_num_threads(ptr @loc, i32 %t, i32 2)
  call void @__kmpc_push_proc_bind(ptr @loc, i32 %t, i32 4)
  call void (ptr, i32, ptr, ...) @__kmpc_fork_call(ptr @loc, i32 1, ptr @body, ptr %p)
  ret void
}
define internal void @body(ptr noalias %gtid, ptr noalias %btid, ptr %p) {
  ret void
}
; A region kept local (it uses a task).
define internal void @local_body(ptr noalias %gtid, ptr noalias %btid, ptr %p) {
  %t = load i32, ptr %gtid
  %x = call i32 @__kmpc_omp_taskwait(ptr @loc, i32 %t)
  ret void
}
declare i32 @__kmpc_global_thread_num(ptr)
declare void @__kmpc_push_num_threads(ptr, i32, i32)
declare void @__kmpc_push_proc_bind(ptr, i32, i32)
declare i32 @__kmpc_omp_taskwait(ptr, i32)
