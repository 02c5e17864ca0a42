/// The announcement of a literal at the end of a line: `{n}`, `{n+}` or `~{n}` (RFC 9051 §4.3,
/// RFC 7888, RFC 3516).
struct LiteralMarker: Hashable {
    /// The announced size; nil when the number does not fit (it is then too large for any limit).
    var size: Int?
    /// `{n+}`: the client sends the octets without waiting for a continuation request.
    var isNonSynchronizing: Bool
    /// `~{n}`: a literal8.
    var isBinary: Bool

    /// The marker at the end of `line` (its line break removed), or nil. `line` must not end
    /// inside a quoted string (see `LineScanner`).
    static func find(atEndOf line: some BidirectionalCollection<UInt8>) -> LiteralMarker? {
        var index = line.endIndex
        guard index > line.startIndex else { return nil }
        index = line.index(before: index)
        guard line[index] == IMAPCharacters.closeBrace else { return nil }
        var isNonSynchronizing = false
        guard index > line.startIndex else { return nil }
        index = line.index(before: index)
        if line[index] == IMAPCharacters.plus {
            isNonSynchronizing = true
            guard index > line.startIndex else { return nil }
            index = line.index(before: index)
        }
        var digitCount = 0
        var value: Int? = 0
        var multiplier: Int? = 1
        while IMAPCharacters.isDigit(line[index]) {
            let digit = Int(line[index] - 0x30)
            if let current = value, let scale = multiplier {
                let (product, overflowA) = digit.multipliedReportingOverflow(by: scale)
                let (sum, overflowB) = current.addingReportingOverflow(product)
                value = overflowA || overflowB ? nil : sum
                let (nextScale, overflowC) = scale.multipliedReportingOverflow(by: 10)
                multiplier = overflowC ? nil : nextScale
            } else if digit != 0 {
                value = nil
            }
            digitCount += 1
            guard index > line.startIndex else { return nil }
            index = line.index(before: index)
        }
        guard digitCount > 0, line[index] == IMAPCharacters.openBrace else { return nil }
        var isBinary = false
        if index > line.startIndex, line[line.index(before: index)] == IMAPCharacters.tilde { isBinary = true }
        return LiteralMarker(size: value, isNonSynchronizing: isNonSynchronizing, isBinary: isBinary)
    }
}

/// Follows quoted strings through a line, octet by octet, so that a `{5}` inside a quoted
/// string is not taken for a literal announcement. Keeps the last octets of the line for
/// lines that are scanned without being kept (while a refused command is skipped).
struct LineScanner {
    /// The longest marker worth recognising: `~{` + 19 digits + `+}`.
    static let tailCapacity = 24

    private(set) var isInQuotedString = false
    private var isEscaped = false
    /// The last octets seen (only when `keepsTail`), as a ring starting at `tailStart`.
    private var ring: [UInt8] = []
    private var tailStart = 0
    let keepsTail: Bool

    init(keepsTail: Bool = false) {
        self.keepsTail = keepsTail
    }

    /// The last octets seen (line breaks excluded), oldest first.
    var tail: [UInt8] { Array(ring[tailStart...] + ring[..<tailStart]) }

    mutating func scan(_ byte: UInt8) {
        if isInQuotedString {
            if isEscaped {
                isEscaped = false
            } else if byte == IMAPCharacters.backslash {
                isEscaped = true
            } else if byte == IMAPCharacters.quote {
                isInQuotedString = false
            }
        } else if byte == IMAPCharacters.quote {
            isInQuotedString = true
        }
        if keepsTail && byte != IMAPCharacters.carriageReturn {
            if ring.count < Self.tailCapacity {
                ring.append(byte)
            } else {
                ring[tailStart] = byte
                tailStart = (tailStart + 1) % Self.tailCapacity
            }
        }
    }

    /// The literal marker ending the line whose octets `line` holds (kept by the caller) —
    /// or, when the caller did not keep them, the tail.
    func marker(atEndOf line: ArraySlice<UInt8>? = nil) -> LiteralMarker? {
        guard !isInQuotedString else { return nil }
        if let line { return LiteralMarker.find(atEndOf: line) }
        return LiteralMarker.find(atEndOf: tail)
    }
}
