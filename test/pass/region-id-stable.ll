; The region id depends only on the source file name and the body's name: two compilations agree, so every process of one executable names a region alike.
; RUN: %opt -passes=distomp-instrument -S %s | FileCheck %s

source_filename = "app.c"
target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

%struct.ident_t = type { i32, i32, i32, i32, ptr }
@.str = private unnamed_addr constant [23 x i8] c";unknown;unknown;0;0;;\00"
@loc = private unnamed_addr constant %struct.ident_t { i32 0, i32 2, i32 0, i32 22, ptr @.str }

declare void @__kmpc_fork_call(ptr, i32, ptr, ...)

; RUN: %opt -passes=distomp-instrument -S %s -o %t.1.ll
; RUN: %opt -passes=distomp-instrument -S %s -o %t.2.ll
; RUN: diff %t.1.ll %t.2.ll
; Two regions of one module get different ids.
; CHECK: @__distomp_module_regions = internal constant [2 x %struct.distomp_region] [%struct.distomp_region { i64 [[ID1:-?[0-9]+]], {{.*}} }, %struct.distomp_region { i64 [[ID2:-?[0-9]+]],
define void @serial(ptr %p) {
  call void (ptr, i32, ptr, ...) @__kmpc_fork_call(ptr @loc, i32 1, ptr @body, ptr %p)
  call void (ptr, i32, ptr, ...) @__kmpc_fork_call(ptr @loc, i32 1, ptr @body2, ptr %p)
  ret void
}
define internal void @body(ptr noalias %gtid, ptr noalias %btid, ptr %p) {
  ret void
}
define internal void @body2(ptr noalias %gtid, ptr noalias %btid, ptr %p) {
  ret void
}
