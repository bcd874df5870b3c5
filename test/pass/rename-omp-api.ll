; Team queries (thread number, team size, ...) are renamed; process-local queries such as omp_get_wtime are not.
; RUN: %opt -passes=distomp-instrument -S %s | FileCheck %s

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

%struct.ident_t = type { i32, i32, i32, i32, ptr }
@.str = private unnamed_addr constant [23 x i8] c";unknown;unknown;0;0;;\00"
@loc = private unnamed_addr constant %struct.ident_t { i32 0, i32 2, i32 0, i32 22, ptr @.str }

declare void @__kmpc_fork_call(ptr, i32, ptr, ...)

define void @serial(ptr %p) {
  call void (ptr, i32, ptr, ...) @__kmpc_fork_call(ptr @loc, i32 1, ptr @body, ptr %p)
  %n = call i32 @omp_get_num_threads()
  ret void
}
; CHECK-LABEL: define void @serial(
; Serial code keeps libomp's answers.
; CHECK: call i32 @omp_get_num_threads()
; CHECK-LABEL: define internal void @body(
; CHECK: call i32 @__distomp_omp_get_thread_num()
; CHECK: call i32 @__distomp_omp_get_num_threads()
; CHECK: call i32 @__distomp_omp_in_parallel()
; CHECK: call double @omp_get_wtime()
define internal void @body(ptr noalias %gtid, ptr noalias %btid, ptr %p) {
  %a = call i32 @omp_get_thread_num()
  %b = call i32 @omp_get_num_threads()
  %c = call i32 @omp_in_parallel()
  %d = call double @omp_get_wtime()
  ret void
}
declare i32 @omp_get_thread_num()
declare i32 @omp_get_num_threads()
declare i32 @omp_in_parallel()
declare double @omp_get_wtime()
