/// A delimiter line found while scanning a multipart body.
struct BoundaryMatch: Equatable {
    /// Index into the active boundaries (0 = outermost multipart).
    var level: Int
    /// Whether it was the close delimiter `--boundary--`.
    var isClose: Bool
    /// Where the delimiter line starts (the line break before it belongs to it, RFC 2046 §5.1.1).
    var lineStart: Int
    /// Where the line after the delimiter starts.
    var nextLine: Int
}

/// The boundaries of the multiparts being parsed, outermost first.
struct BoundaryMatcher {
    private(set) var boundaries: [[UInt8]] = []

    var count: Int { boundaries.count }

    mutating func push(_ boundary: [UInt8]) { boundaries.append(boundary) }
    mutating func pop() { _ = boundaries.popLast() }

    /// Whether the line `lineStart..<contentEnd` is `--boundary` or `--boundary--` for one of
    /// the active boundaries (innermost first), followed only by transport padding (§5.1.1).
    @inline(__always)
    func match(_ bytes: [UInt8], lineStart: Int, contentEnd: Int) -> (level: Int, isClose: Bool)? {
        guard contentEnd - lineStart >= 2, bytes[lineStart] == ASCII.hyphen, bytes[lineStart + 1] == ASCII.hyphen,
              !boundaries.isEmpty else { return nil }
        var level = boundaries.count - 1
        while level >= 0 {
            if let isClose = matches(bytes, lineStart + 2, contentEnd, boundaries[level]) { return (level, isClose) }
            level -= 1
        }
        return nil
    }

    private func matches(_ bytes: [UInt8], _ start: Int, _ end: Int, _ boundary: [UInt8]) -> Bool? {
        guard end - start >= boundary.count else { return nil }
        var index = start
        for byte in boundary {
            if bytes[index] != byte { return nil }
            index += 1
        }
        var isClose = false
        if end - index >= 2, bytes[index] == ASCII.hyphen, bytes[index + 1] == ASCII.hyphen {
            isClose = true
            index += 2
        }
        while index < end {
            if !ASCII.isWhitespace(bytes[index]) { return nil }
            index += 1
        }
        return isClose
    }

    /// Finds the next delimiter line of any active boundary at or after the line starting at
    /// `start`. Nil when the input ends first.
    func nextDelimiter(in bytes: [UInt8], from start: Int, to end: Int) -> BoundaryMatch? {
        guard !boundaries.isEmpty else { return nil }
        var lineStart = start
        while lineStart < end {
            let lineFeed = bytes.firstIndex(of: ASCII.lineFeed, in: lineStart..<end)
            if end - lineStart >= 2 && bytes[lineStart] == ASCII.hyphen && bytes[lineStart + 1] == ASCII.hyphen {
                var contentEnd = lineFeed ?? end
                if contentEnd > lineStart && bytes[contentEnd - 1] == ASCII.carriageReturn { contentEnd -= 1 }
                if let found = match(bytes, lineStart: lineStart, contentEnd: contentEnd) {
                    return BoundaryMatch(level: found.level, isClose: found.isClose, lineStart: lineStart,
                                         nextLine: lineFeed.map { $0 + 1 } ?? end)
                }
            }
            guard let lineFeed else { return nil }
            lineStart = lineFeed + 1
        }
        return nil
    }
}
