/// Reads the replies of an SMTP server from the bytes it sends (RFC 5321 §4.2): lines of
/// `code-text` continued by `code text`, with the enhanced status code of RFC 2034/3463 taken
/// off the text when the server advertised ENHANCEDSTATUSCODES.
///
/// Incremental: append bytes as they arrive and take complete replies with ``next()``. Every
/// line and every reply is bounded by ``SMTPClientLimits``; bytes that cannot be a reply
/// throw an ``SMTPReplyParseError``, after which the parser should be dropped.
public struct SMTPReplyParser: Sendable {
    /// The bounds applied.
    public let limits: SMTPClientLimits
    /// Whether an enhanced status code at the start of the text is separated from it (set once
    /// the server advertised ENHANCEDSTATUSCODES, RFC 2034 §3).
    public var recognizesEnhancedStatusCodes = false

    private var buffer: [UInt8] = []
    private var lineStart = 0
    /// Where the search for the next line feed resumes, so that a line arriving in many pieces
    /// is scanned once.
    private var scanPosition = 0
    private var pendingCode: Int?
    private var pendingLines: [String] = []

    /// Creates a parser with the given bounds.
    public init(limits: SMTPClientLimits = .defaults) {
        self.limits = limits
    }

    /// Bytes received but not yet part of a complete reply.
    public var bufferedByteCount: Int { buffer.count - lineStart }

    /// Adds received bytes.
    public mutating func append(_ bytes: some Collection<UInt8>) {
        if lineStart > 0, lineStart >= buffer.count / 2 {
            buffer.removeFirst(lineStart)
            scanPosition -= lineStart
            lineStart = 0
        }
        buffer.append(contentsOf: bytes)
    }

    /// Removes and returns the bytes not yet parsed, and any reply begun (after STARTTLS,
    /// where nothing sent in the clear may be read as coming over TLS, RFC 3207 §6).
    public mutating func discardBufferedBytes() -> Int {
        let count = bufferedByteCount
        buffer = []
        lineStart = 0
        scanPosition = 0
        pendingCode = nil
        pendingLines = []
        return count
    }

    /// The next complete reply, or `nil` if more bytes are needed.
    public mutating func next() throws(SMTPReplyParseError) -> SMTPReply? {
        while let line = try nextLine() {
            if let reply = try absorb(line) { return reply }
        }
        return nil
    }

    /// The next line without its line ending (a lone LF is accepted as one), or `nil`.
    private mutating func nextLine() throws(SMTPReplyParseError) -> ArraySlice<UInt8>? {
        guard let lineFeed = buffer[scanPosition...].firstIndex(of: UInt8(ascii: "\n")) else {
            scanPosition = buffer.count
            if buffer.count - lineStart > limits.maximumReplyLineLength {
                throw .lineTooLong(limit: limits.maximumReplyLineLength)
            }
            return nil
        }
        guard lineFeed + 1 - lineStart <= limits.maximumReplyLineLength else {
            throw .lineTooLong(limit: limits.maximumReplyLineLength)
        }
        var end = lineFeed
        if end > lineStart, buffer[end - 1] == UInt8(ascii: "\r") { end -= 1 }
        let line = buffer[lineStart..<end]
        lineStart = lineFeed + 1
        scanPosition = lineStart
        return line
    }

    /// Adds a line to the reply being read; returns the reply when the line was its last.
    private mutating func absorb(_ line: ArraySlice<UInt8>) throws(SMTPReplyParseError) -> SMTPReply? {
        guard let code = Self.replyCode(of: line) else {
            throw .malformedLine(excerpt: Self.sanitizedText(line.prefix(40)))
        }
        let separatorIndex = line.startIndex + 3
        let isLast: Bool
        if separatorIndex == line.endIndex {
            isLast = true
        } else if line[separatorIndex] == UInt8(ascii: " ") {
            isLast = true
        } else if line[separatorIndex] == UInt8(ascii: "-") {
            isLast = false
        } else {
            throw .malformedLine(excerpt: Self.sanitizedText(line.prefix(40)))
        }
        if let pendingCode, pendingCode != code { throw .inconsistentCode(expected: pendingCode, found: code) }
        guard pendingLines.count < limits.maximumReplyLineCount else {
            throw .tooManyLines(limit: limits.maximumReplyLineCount)
        }
        let textStart = min(separatorIndex + 1, line.endIndex)
        pendingLines.append(Self.sanitizedText(line[textStart...]))
        guard isLast else {
            pendingCode = code
            return nil
        }
        let lines = pendingLines
        pendingCode = nil
        pendingLines = []
        return makeReply(code: code, lines: lines)
    }

    /// The reply, with the enhanced status code taken off every line that starts with it.
    private func makeReply(code: Int, lines: [String]) -> SMTPReply {
        guard recognizesEnhancedStatusCodes, code / 100 != 3, let first = lines.first,
            let (enhanced, _) = Self.enhancedStatusCode(at: first, replyCode: code)
        else {
            return SMTPReply(code: code, enhancedCode: nil, lines: lines)
        }
        let stripped = lines.map { line -> String in
            guard let (found, rest) = Self.enhancedStatusCode(at: line, replyCode: code), found == enhanced else {
                return line
            }
            return rest
        }
        return SMTPReply(code: code, enhancedCode: enhanced, lines: stripped)
    }

    /// The code of a reply line: three digits, the first 2 to 5 (RFC 5321 §4.2.1).
    private static func replyCode(of line: ArraySlice<UInt8>) -> Int? {
        guard line.count >= 3 else { return nil }
        var code = 0
        for byte in line.prefix(3) {
            guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) else { return nil }
            code = code * 10 + Int(byte - UInt8(ascii: "0"))
        }
        return (200...599).contains(code) ? code : nil
    }

    /// An enhanced status code `class.subject.detail` at the start of `text` (RFC 3463 §2:
    /// subject and detail of 1 to 3 digits), whose class matches the reply code's first digit
    /// (RFC 2034 §3), and the text after it.
    static func enhancedStatusCode(at text: String, replyCode: Int) -> (SMTPEnhancedStatusCode, String)? {
        let parts = text.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: false)
        guard let token = parts.first else { return nil }
        let numbers = token.split(separator: ".", omittingEmptySubsequences: false)
        guard numbers.count == 3 else { return nil }
        var values: [Int] = []
        for (index, number) in numbers.enumerated() {
            let limit = index == 0 ? 1 : 3
            guard !number.isEmpty, number.count <= limit, number.allSatisfy(\.isASCIIDigit),
                let value = Int(number)
            else { return nil }
            values.append(value)
        }
        guard values[0] == replyCode / 100 else { return nil }
        let rest = parts.count > 1 ? String(parts[1]) : ""
        return (SMTPEnhancedStatusCode(values[0], values[1], values[2]), rest)
    }

    /// The text as UTF-8 (invalid sequences replaced), with control characters replaced by
    /// `?` so that a reply's text can go into logs and DSNs as it is.
    static func sanitizedText(_ bytes: ArraySlice<UInt8>) -> String {
        let text = String(decoding: bytes, as: UTF8.self)
        guard text.unicodeScalars.contains(where: isControl) else { return text }
        var scalars = String.UnicodeScalarView()
        for scalar in text.unicodeScalars { scalars.append(isControl(scalar) ? "?" : scalar) }
        return String(scalars)
    }

    private static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value)
    }
}

extension Character {
    fileprivate var isASCIIDigit: Bool { isASCII && isNumber }
}
