#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

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
    /// The boundary of the innermost multipart (empty when there is none).
    var innermost: [UInt8] { boundaries.last ?? [] }

    mutating func push(_ boundary: [UInt8]) { boundaries.append(boundary) }
    mutating func pop() { _ = boundaries.popLast() }

    /// Whether the line `lineStart..<contentEnd` is `--boundary` or `--boundary--` for one of
    /// the active boundaries (innermost first), followed only by transport padding (§5.1.1).
    @inline(__always)
    func match(_ bytes: [UInt8], lineStart: Int, contentEnd: Int) -> (level: Int, isClose: Bool)? {
        bytes.withUnsafeBufferPointer { match($0, lineStart: lineStart, contentEnd: contentEnd) }
    }

    func match(_ bytes: UnsafeBufferPointer<UInt8>, lineStart: Int, contentEnd: Int) -> (level: Int, isClose: Bool)? {
        guard contentEnd - lineStart >= 2, contentEnd <= bytes.count, let base = bytes.baseAddress,
              base[lineStart] == ASCII.hyphen, base[lineStart + 1] == ASCII.hyphen,
              !boundaries.isEmpty else { return nil }
        var level = boundaries.count - 1
        while level >= 0 {
            if let isClose = matches(base, lineStart + 2, contentEnd, boundaries[level]) { return (level, isClose) }
            level -= 1
        }
        return nil
    }

    private func matches(_ bytes: UnsafePointer<UInt8>, _ start: Int, _ end: Int, _ boundary: [UInt8]) -> Bool? {
        guard end - start >= boundary.count else { return nil }
        let equal = boundary.withUnsafeBufferPointer { pattern in
            pattern.isEmpty || pattern.baseAddress.map { memcmp($0, bytes + start, pattern.count) == 0 } == true
        }
        guard equal else { return nil }
        var index = start + boundary.count
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
        return bytes.withUnsafeBufferPointer { buffer -> BoundaryMatch? in
            guard let base = buffer.baseAddress else { return nil }
            let end = Swift.min(end, buffer.count)
            // Only lines that start with "--" can be delimiters: look for hyphens (base64 has
            // none) and check each one that starts a line.
            var searchFrom = start
            while searchFrom < end, let found = memchr(base + searchFrom, Int32(ASCII.hyphen), end - searchFrom) {
                let lineStart = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
                searchFrom = lineStart + 1
                guard lineStart == start || base[lineStart - 1] == ASCII.lineFeed,
                      end - lineStart >= 2, base[lineStart + 1] == ASCII.hyphen else { continue }
                let lineFeed = memchr(base + lineStart, Int32(ASCII.lineFeed), end - lineStart)
                    .map { base.distance(to: $0.assumingMemoryBound(to: UInt8.self)) }
                var contentEnd = lineFeed ?? end
                if contentEnd > lineStart && base[contentEnd - 1] == ASCII.carriageReturn { contentEnd -= 1 }
                if let found = match(buffer, lineStart: lineStart, contentEnd: contentEnd) {
                    return BoundaryMatch(level: found.level, isClose: found.isClose, lineStart: lineStart,
                                         nextLine: lineFeed.map { $0 + 1 } ?? end)
                }
                // The rest of this line cannot start a delimiter.
                guard let lineFeed else { return nil }
                searchFrom = lineFeed + 1
            }
            return nil
        }
    }
}
