; A module without parallel regions still serves other units' regions: each
; function with external linkage, and each local one whose address is taken,
; gets an instrumented clone (globals rebased, accesses checked), registered
; with the original; the serial code keeps calling the original. A function
; that touches no memory, or only what its pointer arguments reach (with no
; atomics and no calls but known library functions), is its own version: the
; fault path serves its accesses. One that calls into another unit lists that
; callee.
; RUN: %opt -passes=distomp-instrument -S %s | FileCheck %s
target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

@g = dso_local global i32 0
@fp = dso_local global ptr @cb

declare void @elsewhere(ptr)

; CHECK: @__distomp_module_functions = internal constant [5 x %struct.distomp_function]
; CHECK-SAME: { ptr @helper, ptr @helper.distomp, ptr @distomp.function.name, ptr null, ptr null, i64 0 }
; CHECK-SAME: { ptr @pure, ptr @pure, ptr @distomp.function.name.{{[0-9]+}}, ptr null, ptr null, i64 0 }
; CHECK-SAME: { ptr @cb, ptr @cb.distomp, ptr @distomp.function.name.{{[0-9]+}}, ptr null, ptr null, i64 0 }
; CHECK-SAME: { ptr @calls_out, ptr @calls_out.distomp, ptr @distomp.function.name.{{[0-9]+}}, ptr null, ptr @distomp.function.callees, i64 1 }
; CHECK-SAME: { ptr @scale, ptr @scale, ptr @distomp.function.name.{{[0-9]+}}, ptr null, ptr null, i64 0 }
; CHECK: @llvm.global_ctors = {{.*}} ptr @distomp.register_module

; CHECK-LABEL: define void @helper(ptr %p)
; CHECK-NOT: __distomp
; CHECK: ret void
define void @helper(ptr %p) {
  %v = load i32, ptr %p
  store i32 %v, ptr @g
  ret void
}

define i32 @pure(i32 %x) memory(none) {
  %y = mul i32 %x, 3
  ret i32 %y
}

define internal void @cb(ptr %p) {
  store i32 1, ptr %p
  ret void
}

define void @calls_out(ptr %p) {
  call void @elsewhere(ptr %p)
  ret void
}

define void @scale(ptr %p, i64 %n) memory(argmem: readwrite) {
entry:
  br label %loop
loop:
  %i = phi i64 [ 0, %entry ], [ %next, %loop ]
  %a = getelementptr double, ptr %p, i64 %i
  %v = load double, ptr %a
  %w = fmul double %v, 2.0
  store double %w, ptr %a
  %next = add i64 %i, 1
  %done = icmp eq i64 %next, %n
  br i1 %done, label %exit, label %loop
exit:
  ret void
}
; CHECK-NOT: define internal void @scale.distomp

; A clone no region of this module reaches gets what correctness needs
; (rebased globals, atomics at home, resolved calls); its loads and stores
; are left to the page-fault path, so a unit of helpers compiles cheaply.
; CHECK-LABEL: define internal void @helper.distomp(ptr %p)
; CHECK: %distomp.delta = load i64, ptr @__distomp_dso_delta
; CHECK-NEXT: %v = load i32, ptr %p
; CHECK-NEXT: %g.master = getelementptr i8, ptr @g, i64 %distomp.delta
; CHECK-NEXT: store i32 %v, ptr %g.master
; CHECK-LABEL: define internal void @cb.distomp(
; CHECK-NEXT: store i32 1, ptr %p
; CHECK-LABEL: define internal void @calls_out.distomp(
; CHECK: call ptr @__distomp_resolve_call(ptr @elsewhere)

; The module is marked, and a second run (a link-time pipeline that loads the
; plugin again) leaves it as it is.
; CHECK: !{i32 7, !"distomp.instrumented", i32 1}
; RUN: %opt -passes=distomp-instrument -S %s | %opt -passes=distomp-instrument -S - | FileCheck %s --check-prefix=TWICE
; TWICE-NOT: .distomp.distomp
