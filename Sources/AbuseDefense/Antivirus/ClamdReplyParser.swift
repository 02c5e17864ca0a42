/// Reads clamd's reply to `zINSTREAM`: one NUL-terminated line, `stream: OK`,
/// `stream: NAME FOUND` or `REASON ERROR` (clamd(8); e.g. `INSTREAM size limit exceeded. ERROR`).
/// clamd closes the connection after it, so a reply cut off by the close is read as it is.
///
/// Feed it what the connection delivers with ``append(_:)``; when the connection ends
/// first, ``finish()`` gives the verdict on what came.
public struct ClamdReplyParser: Sendable {
    /// The longest reply accepted, in octets. A signature name is well under 200 characters.
    public static let maximumLength = 1024

    /// The longest signature name or error reason passed on, in characters.
    public static let maximumNameLength = 256

    private var pending: [UInt8] = []
    private var result: ClamdScanResult?

    public init() {}

    /// Adds octets from the connection; returns the result once the terminating NUL has
    /// arrived (and the same result for anything after it).
    public mutating func append(_ bytes: some Sequence<UInt8>) throws(ClamdProtocolError) -> ClamdScanResult? {
        if let result { return result }
        for byte in bytes {
            if byte == 0 {
                let parsed = try Self.parse(pending)
                result = parsed
                return parsed
            }
            guard pending.count < Self.maximumLength else { throw .replyTooLong }
            pending.append(byte)
        }
        return nil
    }

    /// The connection ended: the result of the reply received, terminated or not.
    public func finish() throws(ClamdProtocolError) -> ClamdScanResult {
        if let result { return result }
        guard !pending.isEmpty else { throw .noReply }
        return try Self.parse(pending)
    }

    /// Parses one reply without its terminator (a trailing newline, as `n`-prefixed commands
    /// end their replies, is ignored too).
    public static func parse(_ reply: some Collection<UInt8>) throws(ClamdProtocolError) -> ClamdScanResult {
        guard reply.count <= maximumLength else { throw .replyTooLong }
        var text = String(decoding: reply, as: UTF8.self)
        while text.last == "\n" || text.last == "\r" { text.removeLast() }
        guard text.unicodeScalars.allSatisfy({ (0x20...0x7E).contains($0.value) }) else {
            throw .malformedReply(printable(text))
        }
        // Without IDSESSION the reply to INSTREAM names the stream "stream".
        let body = text.hasPrefix("stream: ") ? String(text.dropFirst("stream: ".count)) : text
        if body == "OK" { return .clean }
        if body.hasSuffix(" FOUND") {
            let name = body.dropLast(" FOUND".count).trimmingSpaces
            guard !name.isEmpty, name.count <= maximumNameLength else { throw .malformedReply(text) }
            return .infected(signature: name)
        }
        if body.hasSuffix(" ERROR") || body == "ERROR" {
            let reason = body.dropLast("ERROR".count).trimmingSpaces
            return .scanFailed(reason: String((reason.isEmpty ? "unspecified error" : reason).prefix(maximumNameLength)))
        }
        throw .malformedReply(String(text.prefix(maximumNameLength)))
    }

    private static func printable(_ text: String) -> String {
        String(String.UnicodeScalarView(text.unicodeScalars.prefix(maximumNameLength).map {
            (0x20...0x7E).contains($0.value) ? $0 : "?"
        }))
    }
}

private extension Substring {
    /// The text without leading and trailing spaces.
    var trimmingSpaces: String {
        var text = self
        while text.first == " " { text.removeFirst() }
        while text.last == " " { text.removeLast() }
        return String(text)
    }
}
