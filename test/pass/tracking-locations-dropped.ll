; distomp-cc asks clang for location tracking only (no -g): such compile units
; are NoDebug, and once the pass has reported, their locations are dropped so
; code generation does not carry them. Real debug info (-g) is kept.
; RUN: %opt -passes=distomp-instrument -S %s | FileCheck %s --check-prefix=TRACKING
; RUN: sed 's/emissionKind: NoDebug/emissionKind: FullDebug/' %s | %opt -passes=distomp-instrument -S | FileCheck %s --check-prefix=FULL
; TRACKING-NOT: !dbg
; TRACKING-NOT: DICompileUnit
; FULL: call void @__distomp_fork_call({{.*}}), !dbg
; FULL: !llvm.dbg.cu = !{!0}

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
  store i32 1, ptr %p, !dbg !8
  call void @helper(ptr %p), !dbg !9
  ret void
}
define internal void @helper(ptr %p) {
  %v = load i32, ptr %p
  ret void
}

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
