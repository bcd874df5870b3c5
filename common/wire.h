//===- wire.h - Encoding and checked decoding of DistOMP messages -*- C++ -*-===//
//
// Every message is a FlatBuffers `Message` (distomp.fbs). Decoding verifies
// the whole buffer first, in the manner of FlatBuffers' own verifier-first
// fuzz target: nothing from the wire is read before the verifier accepted it.
//
//===----------------------------------------------------------------------===//
#ifndef DISTOMP_WIRE_H
#define DISTOMP_WIRE_H

#include "distomp_generated.h"

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace distomp::wire {

/// Bumped whenever a message changes shape; checked at join.
constexpr uint32_t kProtocolVersion = 9; // 9: locks kept by their last holder until recalled

/// Largest message accepted (a commit of many pages is the biggest).
constexpr size_t kMaxMessageBytes = size_t(1) << 30;

/// Atomic operations beyond distomp_rmw_op, for AtomicOp.op.
constexpr uint32_t kAtomicLoad = 100, kAtomicStore = 101, kAtomicCmpxchg = 102;

/// Verifies Data as a Message whose body is present. Returns null and says
/// why in Why when it is not.
const Message *decode(const void *Data, size_t Size, std::string *Why);

/// Verifies and checks the body type. Null if either fails.
template <typename T> const T *decodeAs(const void *Data, size_t Size, std::string *Why) {
  const Message *M = decode(Data, Size, Why);
  if (!M)
    return nullptr;
  if (M->body_type() != BodyTraits<T>::enum_value) {
    if (Why)
      *Why = std::string("expected ") + EnumNameBody(BodyTraits<T>::enum_value) + ", got " +
             EnumNameBody(M->body_type());
    return nullptr;
  }
  return static_cast<const T *>(M->body());
}

/// Finishes a message whose body the caller built in B.
template <typename T>
void finish(flatbuffers::FlatBufferBuilder &B, flatbuffers::Offset<T> Body) {
  B.Finish(CreateMessage(B, BodyTraits<T>::enum_value, Body.Union()), MessageIdentifier());
}

/// Copies a flatbuffers vector (possibly absent) into a std::vector.
template <typename T>
std::vector<T> toVector(const flatbuffers::Vector<T> *V) {
  return V ? std::vector<T>(V->begin(), V->end()) : std::vector<T>();
}

inline std::string toString(const flatbuffers::String *S) { return S ? S->str() : std::string(); }

} // namespace distomp::wire

#endif
