; A fork reached by invoke (a caller with cleanups) becomes an invoke of
; __distomp_fork_call with the same normal and unwind destinations.
; RUN: %opt -passes=distomp-instrument -S %s | FileCheck %s

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

%struct.ident_t = type { i32, i32, i32, i32, ptr }
@.str = private unnamed_addr constant [23 x i8] c";unknown;unknown;0;0;;\00"
@loc = private unnamed_addr constant %struct.ident_t { i32 0, i32 2, i32 0, i32 22, ptr @.str }

declare void @__kmpc_fork_call(ptr, i32, ptr, ...)

define void @serial(ptr %p) personality ptr @__gxx_personality_v0 {
entry:
  invoke void (ptr, i32, ptr, ...) @__kmpc_fork_call(ptr @loc, i32 1, ptr @body, ptr %p)
          to label %ok unwind label %lp
ok:
  ret void
lp:
  %e = landingpad { ptr, i32 } cleanup
  resume { ptr, i32 } %e
}
; CHECK-LABEL: define void @serial(
; CHECK: invoke void @__distomp_fork_call(ptr @loc, ptr @__distomp_module_regions, ptr %distomp.fork.args)
; CHECK-NEXT: to label %ok unwind label %lp
; CHECK-NOT: __kmpc_fork_call
define internal void @body(ptr noalias %gtid, ptr noalias %btid, ptr %p) {
  ret void
}
declare i32 @__gxx_personality_v0(...)
