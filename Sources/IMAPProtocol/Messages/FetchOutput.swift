/// One item of a FETCH response as rendered for one message: either written whole, or a
/// section whose octets the caller streams after the writer announced the literal.
public enum FetchOutput: Equatable, Sendable {
    /// Written by `ResponseWriter.writeFetchItem(_:)`.
    case item(FetchResponseItem)
    /// Written by `ResponseWriter.beginStreamedFetchItem(item, size: content.count, binary:)`
    /// followed by the octets of `content`. `binary` asks for a literal8 (`~{n}`): BINARY
    /// content holding NUL (RFC 3516 §4.2).
    case streamed(StreamedFetchItem, content: FetchContent, binary: Bool)
}

/// The octets of a streamed section.
public enum FetchContent: Equatable, Sendable {
    /// `bytes[range]` of the message's octets, sent as they are without a copy.
    case messageRange(Range<Int>)
    /// Octets made for this response (HEADER.FIELDS subsets, decoded BINARY content).
    case made([UInt8])

    /// How many octets the literal holds.
    public var count: Int {
        switch self {
        case .messageRange(let range): range.count
        case .made(let bytes): bytes.count
        }
    }

    /// The octets, given the message's octets that a range refers to.
    public func octets(in message: [UInt8]) -> ArraySlice<UInt8> {
        switch self {
        case .messageRange(let range):
            let lower = min(max(range.lowerBound, 0), message.count)
            return message[lower..<min(max(range.upperBound, lower), message.count)]
        case .made(let bytes):
            return bytes[...]
        }
    }
}

extension ResponseWriter {
    /// Writes one rendered item of the FETCH begun with ``beginFetch(sequenceNumber:)``;
    /// a section's octets are copied from `message` (the message's octets) into the output.
    /// A caller that sends section octets from elsewhere (a blob file) writes
    /// ``beginStreamedFetchItem(_:size:binary:)`` itself and sends them after it.
    public mutating func writeFetchOutput(_ output: FetchOutput, message: [UInt8]) {
        switch output {
        case .item(let item):
            writeFetchItem(item)
        case .streamed(let item, let content, let binary):
            beginStreamedFetchItem(item, size: content.count, binary: binary)
            appendRawBytes(content.octets(in: message))
        }
    }
}
