; A helper's pointer argument that every caller points at its own
; non-escaping alloca (or passes on from such an argument, recursively)
; reaches only the running thread's frame: no check. One shared caller or a
; capturing parameter keeps the checks. A helper whose address is taken is
; cloned, and the clone keeps its checks: the runtime hands it to indirect
; calls, whose pointers the pass cannot see.
; RUN: %opt -passes=distomp-instrument -S %s | FileCheck %s

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

%struct.ident_t = type { i32, i32, i32, i32, ptr }
@.str = private unnamed_addr constant [23 x i8] c";unknown;unknown;0;0;;\00"
@loc = private unnamed_addr constant %struct.ident_t { i32 0, i32 2, i32 0, i32 22, ptr @.str }
@escape = dso_local global ptr null

declare void @__kmpc_fork_call(ptr, i32, ptr, ...)
declare void @unknown(ptr)

define void @serial(ptr %p) {
  call void (ptr, i32, ptr, ...) @__kmpc_fork_call(ptr @loc, i32 1, ptr @body, ptr %p)
  ret void
}

define internal void @body(ptr noalias %gtid, ptr noalias %btid, ptr %p) {
  %w = alloca [64 x i32]
  %r = alloca i64
  call void @search(ptr %w, ptr %r, i32 0)
  call void @mixed(ptr %w)
  call void @mixed(ptr %p)
  call void @taken(ptr %w)
  store ptr @taken, ptr @escape
  %c = alloca i32
  call void @captures(ptr %c)
  ret void
}

; Every callee keeps its original for the region's native body; the
; instrumented versions are clones, in this order after it.
; CHECK-LABEL: define internal void @taken(
; CHECK-NOT: __distomp_
; CHECK: ret void
; CHECK-LABEL: define internal void @search.distomp(
; CHECK-NOT: __distomp_
; CHECK: ret void
define internal void @search(ptr nocapture %w, ptr nocapture %r, i32 %k) {
  %e = getelementptr i32, ptr %w, i32 %k
  store i32 %k, ptr %e
  %done = icmp eq i32 %k, 8
  br i1 %done, label %leaf, label %deeper
leaf:
  store i64 1, ptr %r
  ret void
deeper:
  %next = add i32 %k, 1
  call void @search(ptr %w, ptr %r, i32 %next)
  ret void
}

; CHECK-LABEL: define internal void @mixed.distomp(
; CHECK: call void @__distomp_store_miss(ptr %x, i64 4)
define internal void @mixed(ptr nocapture %x) {
  store i32 1, ptr %x
  ret void
}

define internal void @taken(ptr nocapture %x) {
  store i32 2, ptr %x
  ret void
}

; CHECK-LABEL: define internal void @taken.distomp(
; CHECK: call void @__distomp_store_miss(ptr %x, i64 4)
; CHECK-LABEL: define internal void @captures.distomp(
; CHECK: call void @__distomp_store_miss(ptr %x, i64 4)
define internal void @captures(ptr %x) {
  store ptr %x, ptr @escape
  store i32 3, ptr %x
  ret void
}
