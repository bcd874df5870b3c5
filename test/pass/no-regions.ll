; A module without a parallel region and without a function code elsewhere can
; call (external, or address taken) is not changed at all.
; RUN: %opt -S %s -o %t.before.ll
; RUN: %opt -passes=distomp-instrument -S %s -o %t.after.ll
; RUN: diff %t.before.ll %t.after.ll
target triple = "x86_64-pc-linux-gnu"
@g = global i32 0
define internal void @f(ptr %p) {
  %v = load i32, ptr %p
  store i32 %v, ptr @g
  ret void
}
