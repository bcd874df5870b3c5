; Gather/scatter: every active lane's address is checked (inactive lanes become null, whose page is never shared); one branch for all lanes; on a miss each lane gets a range check.
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
; CHECK: [[M0:%.*]] = extractelement <2 x i1> %m, i64 0
; CHECK-NEXT: [[P0:%.*]] = extractelement <2 x ptr> %ptrs, i64 0
; CHECK: [[L0:%.*]] = select i1 [[M0]], ptr [[P0]], ptr null
; CHECK: [[M1:%.*]] = extractelement <2 x i1> %m, i64 1
; CHECK-NEXT: [[P1:%.*]] = extractelement <2 x ptr> %ptrs, i64 1
; CHECK: [[L1:%.*]] = select i1 [[M1]], ptr [[P1]], ptr null
; CHECK: icmp ugt i8
; CHECK: call void @__distomp_load_range(ptr [[L0]], i64 8)
; CHECK-NEXT: call void @__distomp_load_range(ptr [[L1]], i64 8)
; CHECK: call <2 x double> @llvm.masked.gather
; CHECK: icmp ne i8
; CHECK: call void @__distomp_store_range(ptr {{.*}}, i64 8)
; CHECK: call void @llvm.masked.scatter
define internal void @body(ptr noalias %gtid, ptr noalias %btid, ptr %p) {
  %i0 = insertelement <2 x ptr> poison, ptr %p, i64 0
  %q = getelementptr i8, ptr %p, i64 40000
  %ptrs = insertelement <2 x ptr> %i0, ptr %q, i64 1
  %m = load <2 x i1>, ptr @maskv
  %v = call <2 x double> @llvm.masked.gather.v2f64.v2p0(<2 x ptr> %ptrs, i32 8, <2 x i1> %m, <2 x double> zeroinitializer)
  call void @llvm.masked.scatter.v2f64.v2p0(<2 x double> %v, <2 x ptr> %ptrs, i32 8, <2 x i1> %m)
  ret void
}
@maskv = internal constant <2 x i1> <i1 1, i1 0>
declare <2 x double> @llvm.masked.gather.v2f64.v2p0(<2 x ptr>, i32, <2 x i1>, <2 x double>)
declare void @llvm.masked.scatter.v2f64.v2p0(<2 x double>, <2 x ptr>, i32, <2 x i1>)
