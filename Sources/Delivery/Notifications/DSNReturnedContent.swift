import MailCore

/// The third part of a DSN: the original message or its header section (RFC 3464 §2,
/// RFC 3461 §4.3), labeled for what it holds.
struct DSNReturnedContent {
    /// With `RET` not given, the whole message is returned up to this size and only its header
    /// beyond it (as Postfix's `bounce_size_limit`).
    static let defaultFullMessageLimit = 65_536
    /// The most octets returned as the header section of a message that has no body.
    static let headerSectionLimit = Limits.defaults.maxHeaderSectionSize

    /// Whether the whole message is returned (else its header section).
    let isFullMessage: Bool
    /// The octets of the part's body.
    let bytes: ArraySlice<UInt8>
    /// `message/rfc822`, `text/rfc822-headers`, or with a UTF-8 header (RFC 6533 §3.7, §3.8)
    /// `message/global` and `message/global-headers`.
    let contentType: String
    let encoding: DSNTransferEncoding
    /// The original's header fields (see `headerSection(of:)`).
    let header: ArraySlice<UInt8>

    /// - Parameters:
    ///   - message: the original, with CRLF line ends.
    ///   - returnsFullMessage: `RET=FULL` (true), `RET=HDRS` (false), or not given.
    ///   - kind: RFC 3461 §4.3: `RET` applies to reports of failure; other reports return
    ///     only the header.
    init(message: [UInt8], returnsFullMessage: Bool?, kind: DSNReportKind) {
        header = Self.headerSection(of: message)
        let full: Bool
        switch (kind, returnsFullMessage) {
        case (.delay, _), (.success, _): full = false
        case (.failure, .some(let requested)): full = requested
        case (.failure, nil): full = message.count <= Self.defaultFullMessageLimit
        }
        isFullMessage = full
        bytes = full ? message[...] : header
        let globalHeader = header.contains { $0 >= 0x80 }
        switch (full, globalHeader) {
        case (true, false): contentType = "message/rfc822"
        case (true, true): contentType = "message/global"
        case (false, false): contentType = "text/rfc822-headers"
        case (false, true): contentType = "message/global-headers"
        }
        encoding = DSNTransferEncoding(scanning: bytes)
    }

    /// The header fields at the start of `message`, each with its CRLF, without the empty
    /// line that ends them (RFC 5322 §2.1). A message without a body is all header, cut after
    /// its last whole line within `headerSectionLimit` octets.
    static func headerSection(of message: [UInt8]) -> ArraySlice<UInt8> {
        if message.starts(with: [13, 10]) { return message[0..<0] }
        var index = 0
        while index + 3 < message.count, index < headerSectionLimit {
            if message[index] == 13, message[index + 1] == 10, message[index + 2] == 13, message[index + 3] == 10 {
                return message[0..<(index + 2)]
            }
            index += 1
        }
        guard message.count > headerSectionLimit else { return message[...] }
        var end = headerSectionLimit
        while end > 1, !(message[end - 2] == 13 && message[end - 1] == 10) { end -= 1 }
        return message[0..<(end > 1 ? end : headerSectionLimit)]
    }

    /// The original's Message-ID (without brackets) when it can be quoted in a header field:
    /// ASCII, no spaces or brackets, and short.
    static func messageID(of message: [UInt8], header: ArraySlice<UInt8>) -> String? {
        let fields = MessageHeader(parsing: message, in: header.startIndex..<header.endIndex)
        guard let value = fields["Message-ID"], let identifier = MessageIDListParser.parse(value).first,
              !identifier.isEmpty, identifier.utf8.count <= 250,
              identifier.utf8.allSatisfy({ $0 > 32 && $0 < 127 && $0 != UInt8(ascii: "<") && $0 != UInt8(ascii: ">") })
        else { return nil }
        return identifier
    }
}
