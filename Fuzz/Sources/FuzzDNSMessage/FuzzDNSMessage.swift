import DNSResolver
import FuzzSupport

/// libFuzzer's entry point: a hostile DNS message, as a UDP or TCP answer would bring it.
///
/// The whole input (no option header: DNS has no framing of its own to vary) goes to
/// `DNSMessageDecoder`. What decodes is encoded again, and what that encoding decodes to
/// must be the same message: a record the resolver caches must mean what it meant.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: max(0, size))) } ?? []
    guard let message = try? DNSMessageDecoder.decode(bytes) else { return 0 }
    _ = message.answers.map(\.data)
    guard let encoded = try? DNSMessageEncoder.encode(message) else { return 0 }
    let again = try? DNSMessageDecoder.decode(encoded)
    precondition(again == message, "a decoded message does not survive encoding")
    return 0
}
