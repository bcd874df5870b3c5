//===- wire.cpp - Checked decoding of DistOMP messages --------------------===//
#include "wire.h"

namespace distomp::wire {

const Message *decode(const void *Data, size_t Size, std::string *Why) {
  auto Reject = [&](const char *Reason) -> const Message * {
    if (Why)
      *Why = Reason;
    return nullptr;
  };
  if (!Data || Size < 8)
    return Reject("shorter than a message header");
  if (Size > kMaxMessageBytes)
    return Reject("larger than the largest message");
  if (!flatbuffers::BufferHasIdentifier(Data, MessageIdentifier()))
    return Reject("not a DistOMP message (identifier)");
  flatbuffers::Verifier V(static_cast<const uint8_t *>(Data), Size,
                          /*max_depth=*/16, /*max_tables=*/1u << 24);
  if (!VerifyMessageBuffer(V))
    return Reject("failed verification");
  const Message *M = GetMessage(Data);
  if (M->body_type() == Body::NONE || !M->body())
    return Reject("message without a body");
  return M;
}

} // namespace distomp::wire
