; A region using a construct the runtime does not distribute (a task) runs locally with libomp: the fork stays, nothing is instrumented, and a warning names the construct at its line.
; RUN: %opt -passes=distomp-instrument -S %s 2>%t.err | FileCheck %s
; RUN: FileCheck %s --check-prefix=WARN < %t.err
; WARN: warning: app.c:8:9: distomp: parallel region 'body' at app.c:5 runs locally with libomp, not distributed: it uses task
; The function holding the region can be called from other units' regions:
; it is registered as one that keeps them local, with the reason.
; CHECK: @distomp.function.reason = {{.*}} c"uses nested parallel region\00"
; CHECK: @__distomp_module_functions = {{.*}} { ptr @serial, ptr null,
; CHECK-LABEL: define void @serial(
; CHECK: call void (ptr, i32, ptr, ...) @__kmpc_fork_call(ptr @loc, i32 1, ptr @body, ptr %p)
; CHECK-NOT: __distomp_fork_call

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
  %t = load i32, ptr %gtid
  %task = call ptr @__kmpc_omp_task_alloc(ptr @loc, i32 %t, i32 1, i64 40, i64 0, ptr null), !dbg !9
  %r = call i32 @__kmpc_omp_task(ptr @loc, i32 %t, ptr %task), !dbg !9
  ret void
}
declare ptr @__kmpc_omp_task_alloc(ptr, i32, i32, i64, i64, ptr)
declare i32 @__kmpc_omp_task(ptr, i32, ptr)

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
