//===- Diagnostics.h - What the pass tells the user -------------*- C++ -*-===//
//
// Warnings go through LLVM's optimization-failure diagnostic, which clang
// always prints (as "warning: ... [-Wpass-failed]") with the source location
// of the instruction. Remarks go through the optimization remark emitter
// (-Rpass=distomp, -Rpass-missed=distomp).
//
//===----------------------------------------------------------------------===//
#ifndef DISTOMP_PASS_DIAGNOSTICS_H
#define DISTOMP_PASS_DIAGNOSTICS_H

#include "llvm/ADT/Twine.h"
#include "llvm/IR/Instruction.h"

#include <string>

namespace distomp {

constexpr const char *PassName = "distomp";

/// "file:line" of an instruction, or "" without debug locations.
std::string sourceLocation(const llvm::Instruction &I);

/// Emits a warning located at I.
void warn(const llvm::Instruction &I, const llvm::Twine &Msg);

} // namespace distomp

#endif
