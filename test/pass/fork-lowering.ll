; A taken fork becomes __distomp_fork_call(loc, &descriptor, args): the arguments go into 8-byte slots in the caller's entry block; the body, reshaped into the runtime's entry signature, unpacks them.
; RUN: %opt -passes=distomp-instrument -S %s | FileCheck %s

source_filename = "app.c"
target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

%struct.ident_t = type { i32, i32, i32, i32, ptr }
@.str = private unnamed_addr constant [20 x i8] c";app.c;serial;7;3;;\00"
@loc = private unnamed_addr constant %struct.ident_t { i32 0, i32 2, i32 0, i32 22, ptr @.str }

declare void @__kmpc_fork_call(ptr, i32, ptr, ...)

; CHECK: %struct.distomp_region = type { i64, i32, i32, ptr, ptr, ptr, i32, i32, ptr, ptr, ptr, i64 }
; The id is FNV-1a of "app.c\0body"; ABI 2; two argument slots; the line from
; the fork's ident_t (no debug location); no callees in other objects, so no
; native body.
; CHECK: @__distomp_module_regions = internal constant [1 x %struct.distomp_region] [%struct.distomp_region { i64 -139979944661086019, i32 2, i32 2, ptr @body, ptr @distomp.region.name, ptr @distomp.region.file, i32 7, i32 0, ptr @body.native, ptr null, ptr null, i64 0 }]
; The module: ABI, its object's delta, its regions, and the functions other
; units may call (serial holds a region: a region elsewhere that calls it stays local).
; CHECK: @__distomp_module = internal constant %struct.distomp_module { i32 2, i32 0, ptr @__distomp_dso_delta, ptr @__distomp_module_regions, i64 1, ptr @__distomp_module_functions, i64 1 }
; CHECK: @llvm.global_ctors = appending global {{.*}} [{ i32, ptr, ptr } { i32 0, ptr @distomp.register_module, ptr null }]

; CHECK-LABEL: define void @serial(
; CHECK-NEXT: [[SLOTS:%.*]] = alloca [2 x i64], align 8
; CHECK: [[S0:%.*]] = getelementptr inbounds i64, ptr [[SLOTS]], i64 0
; CHECK-NEXT: store ptr %p, ptr [[S0]], align 8
; CHECK-NEXT: [[S1:%.*]] = getelementptr inbounds i64, ptr [[SLOTS]], i64 1
; CHECK-NEXT: store double %x, ptr [[S1]], align 8
; CHECK-NEXT: call void @__distomp_fork_call(ptr @loc, ptr @__distomp_module_regions, ptr [[SLOTS]])
; CHECK-NOT: __kmpc_fork_call
define void @serial(ptr %p, double %x) {
  call void (ptr, i32, ptr, ...) @__kmpc_fork_call(ptr @loc, i32 2, ptr @body, ptr %p, double %x)
  ret void
}
define internal void @body(ptr noalias %gtid, ptr noalias %btid, ptr %p, double %x) {
  store double %x, ptr %p
  ret void
}
; Only the fork uses the body: it becomes the entry itself, loading its
; arguments from the slots.
; CHECK-LABEL: define internal void @body(ptr noalias %gtid, ptr noalias %btid, ptr %distomp.args)
; CHECK-NEXT: [[S0:%.*]] = getelementptr inbounds i64, ptr %distomp.args, i64 0
; CHECK-NEXT: %p = load ptr, ptr [[S0]], align 8
; CHECK-NEXT: [[S1:%.*]] = getelementptr inbounds i64, ptr %distomp.args, i64 1
; CHECK-NEXT: %x = load double, ptr [[S1]], align 8
; CHECK: store double %x, ptr %p

; CHECK-LABEL: define internal void @distomp.register_module()
; CHECK-NEXT: entry:
; CHECK-NEXT: call void @__distomp_register_module(ptr @__distomp_module)
