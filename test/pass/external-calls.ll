; Calls into code the module does not define are followed at run time, with no
; compile-time warning: a direct call to a declared function loads its target
; from the module's slot, resolved once by the runtime to the callee's
; instrumented version; an indirect call's target is translated. The region
; lists the declared callee, so the master can check it has an instrumented
; version before the region starts, and keeps the body as clang made it for
; the native fallback.
; RUN: %opt -passes=distomp-instrument -S %s 2>%t.err | FileCheck %s
; RUN: not grep warning %t.err
; CHECK: @__distomp_slot.mystery = internal global ptr null
; CHECK: @distomp.region.callees = private constant [1 x ptr] [ptr @mystery]
; CHECK: @__distomp_module_regions = {{.*}} i32 5, i32 1, ptr @body.native, ptr @distomp.region.callees, ptr null, i64 0 }
; CHECK-LABEL: define void @serial(
; CHECK: call void @__distomp_fork_call(
; CHECK-LABEL: define internal void @body(
; CHECK: [[T:%.*]] = call ptr @__distomp_translate_code(ptr %f)
; CHECK-NEXT: call void [[T]](ptr %p)
; CHECK-NEXT: %distomp.target = load ptr, ptr @__distomp_slot.mystery
; CHECK-NEXT: [[MISS:%.*]] = icmp eq ptr %distomp.target, null
; CHECK-NEXT: br i1 [[MISS]], label %[[RESOLVE:.*]], label %[[CALL:.*]], !prof
; CHECK: [[RESOLVE]]:
; CHECK-NEXT: %distomp.resolved = call ptr @__distomp_resolve_call(ptr @mystery)
; CHECK-NEXT: store ptr %distomp.resolved, ptr @__distomp_slot.mystery
; CHECK: [[CALL]]:
; CHECK-NEXT: %distomp.callee = phi ptr [ %distomp.target, %0 ], [ %distomp.resolved, %[[RESOLVE]] ]
; CHECK-NEXT: call void %distomp.callee(ptr %p)
; The native body calls as clang compiled it.
; CHECK-LABEL: define internal void @body.native(
; CHECK: call void %f(ptr %p)
; CHECK-NEXT: call void @mystery(ptr %p)

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

%struct.ident_t = type { i32, i32, i32, i32, ptr }
@.str = private unnamed_addr constant [23 x i8] c";unknown;unknown;0;0;;\00"
@loc = private unnamed_addr constant %struct.ident_t { i32 0, i32 2, i32 0, i32 22, ptr @.str }

declare void @__kmpc_fork_call(ptr, i32, ptr, ...)

define void @serial(ptr %p) !dbg !4 {
  call void (ptr, i32, ptr, ...) @__kmpc_fork_call(ptr @loc, i32 1, ptr @body, ptr %p), !dbg !6
  ret void
}

define internal void @body(ptr noalias %gtid, ptr noalias %btid, ptr %p) !dbg !7 {
  %f = load ptr, ptr %p, !dbg !8
  call void %f(ptr %p), !dbg !8
  call void @mystery(ptr %p), !dbg !9
  ret void
}
declare void @mystery(ptr)

!llvm.dbg.cu = !{!0}
!llvm.module.flags = !{!2, !3}
!0 = distinct !DICompileUnit(language: DW_LANG_C11, file: !1, emissionKind: NoDebug)
!1 = !DIFile(filename: "app.c", directory: "/src")
!2 = !{i32 7, !"Dwarf Version", i32 5}
!3 = !{i32 2, !"Debug Info Version", i32 3}
!4 = distinct !DISubprogram(name: "serial", scope: !1, file: !1, line: 3, type: !5, scopeLine: 3, spFlags: DISPFlagDefinition, unit: !0)
!5 = !DISubroutineType(types: !{})
!6 = !DILocation(line: 5, column: 3, scope: !4)
!7 = distinct !DISubprogram(name: "body", scope: !1, file: !1, line: 5, type: !5, scopeLine: 5, spFlags: DISPFlagDefinition, unit: !0)
!8 = !DILocation(line: 7, column: 5, scope: !7)
!9 = !DILocation(line: 8, column: 9, scope: !7)
