/// Why a received message could not be decoded. Every length and pointer in a message is
/// checked, so hostile input ends in one of these rather than a crash or a hang.
public enum DNSDecodingError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The message ends in the middle of the named part.
    case truncated(String)
    /// The message is longer than any DNS transport can carry.
    case messageTooLong(Int)
    /// A label starts with the reserved bit patterns 01 or 10 (RFC 1035 §4.1.4, RFC 6891 §5).
    case reservedLabelType(UInt8)
    /// A compression pointer does not point to an earlier part of the message.
    case badCompressionPointer(offset: Int, target: Int)
    /// A name follows more compression pointers than a name can have labels.
    case tooManyCompressionPointers
    /// A name is longer than 255 octets once decompressed.
    case nameTooLong
    /// The RDATA of a record does not have the layout its type requires.
    case badRecordData(type: DNSRecordType, reason: String)
    /// The OPT pseudo-record appears more than once or is malformed (RFC 6891 §6.1.1).
    case badOPTRecord(String)

    public var description: String {
        switch self {
        case .truncated(let part): "the message ends inside \(part)"
        case .messageTooLong(let length): "the message is \(length) octets long; at most 65535 are possible"
        case .reservedLabelType(let octet): "a label starts with the reserved length octet \(octet)"
        case .badCompressionPointer(let offset, let target):
            "the compression pointer at offset \(offset) points to \(target), which is not earlier in the message"
        case .tooManyCompressionPointers: "a name follows too many compression pointers"
        case .nameTooLong: "a name is longer than 255 octets"
        case .badRecordData(let type, let reason): "malformed \(type) record: \(reason)"
        case .badOPTRecord(let reason): "malformed OPT record: \(reason)"
        }
    }
}
