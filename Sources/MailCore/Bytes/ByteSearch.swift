#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Fast searches over byte arrays, bounded to a range and never out of bounds.
extension Array where Element == UInt8 {
    /// The index of the first `byte` in `range`, found with `memchr`.
    @inline(__always)
    func firstIndex(of byte: UInt8, in range: Range<Int>) -> Int? {
        let lower = Swift.max(range.lowerBound, 0)
        let upper = Swift.min(range.upperBound, count)
        guard lower < upper else { return nil }
        return withUnsafeBufferPointer { buffer -> Int? in
            guard let base = buffer.baseAddress,
                  let found = memchr(base + lower, Int32(byte), upper - lower) else { return nil }
            return base.distance(to: found.assumingMemoryBound(to: UInt8.self))
        }
    }

    /// How often `byte` occurs in `range` (eight bytes at a time).
    func count(of byte: UInt8, in range: Range<Int>) -> Int {
        let lower = Swift.max(range.lowerBound, 0)
        let upper = Swift.min(range.upperBound, count)
        guard lower < upper else { return 0 }
        return withUnsafeBufferPointer { buffer -> Int in
            guard let base = buffer.baseAddress else { return 0 }
            let pattern = UInt64(byte) &* 0x0101_0101_0101_0101
            let low7: UInt64 = 0x7F7F_7F7F_7F7F_7F7F
            var total = 0
            var index = lower
            while index + 8 <= upper {
                let word = UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self) ^ pattern
                // The high bit of each byte of `zero` is set exactly where `word` has a zero byte.
                let zero = ~(((word & low7) &+ low7) | word | low7)
                // One bit per matching byte, moved to the low bit of the byte and summed by a multiply.
                total &+= Int(truncatingIfNeeded: ((zero >> 7) &* 0x0101_0101_0101_0101) >> 56)
                index += 8
            }
            while index < upper {
                if base[index] == byte { total &+= 1 }
                index += 1
            }
            return total
        }
    }

    /// Appends the bytes of `range` to `output` with CRLF and lone CR turned into LF.
    func appendNormalizingLineBreaks(_ range: Range<Int>, to output: inout [UInt8]) {
        output.reserveCapacity(output.count + range.count)
        var start = range.lowerBound
        while let carriageReturn = firstIndex(of: ASCII.carriageReturn, in: start..<range.upperBound) {
            output.append(contentsOf: self[start..<carriageReturn])
            let followedByLineFeed = carriageReturn + 1 < range.upperBound && self[carriageReturn + 1] == ASCII.lineFeed
            if !followedByLineFeed { output.append(ASCII.lineFeed) }
            start = carriageReturn + 1
        }
        output.append(contentsOf: self[start..<range.upperBound])
    }

    /// Whether any byte in `range` has its high bit set (eight bytes at a time).
    func containsNonASCII(in range: Range<Int>) -> Bool {
        let lower = Swift.max(range.lowerBound, 0)
        let upper = Swift.min(range.upperBound, count)
        guard lower < upper else { return false }
        return withUnsafeBufferPointer { buffer -> Bool in
            guard let base = buffer.baseAddress else { return false }
            var accumulated: UInt64 = 0
            var index = lower
            while index + 8 <= upper {
                accumulated |= UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self)
                index += 8
            }
            while index < upper {
                accumulated |= UInt64(base[index])
                index += 1
            }
            return accumulated & 0x8080_8080_8080_8080 != 0
        }
    }

    /// The end of the line that starts at or before `start`: `contentEnd` excludes the line
    /// ending (LF or CRLF), `next` is where the following line starts (or `limit`).
    @inline(__always)
    func line(from start: Int, limit: Int) -> (contentEnd: Int, next: Int) {
        guard let lineFeed = firstIndex(of: ASCII.lineFeed, in: start..<limit) else {
            return (limit, limit)
        }
        var contentEnd = lineFeed
        if contentEnd > start && self[contentEnd - 1] == ASCII.carriageReturn { contentEnd -= 1 }
        return (contentEnd, lineFeed + 1)
    }

    /// Whether the bytes in `range` equal `lowercaseASCII` ignoring ASCII case.
    @inline(__always)
    func equalsCaseInsensitive(_ range: Range<Int>, _ lowercaseASCII: StaticString) -> Bool {
        guard range.count == lowercaseASCII.utf8CodeUnitCount else { return false }
        return lowercaseASCII.withUTF8Buffer { pattern -> Bool in
            var index = range.lowerBound
            for expected in pattern {
                if ASCII.lowercased(self[index]) != expected { return false }
                index += 1
            }
            return true
        }
    }

    /// Whether the bytes in `range` start with `lowercaseASCII`, ignoring ASCII case.
    @inline(__always)
    func hasPrefixCaseInsensitive(_ range: Range<Int>, _ lowercaseASCII: StaticString) -> Bool {
        guard range.count >= lowercaseASCII.utf8CodeUnitCount else { return false }
        return equalsCaseInsensitive(range.lowerBound..<(range.lowerBound + lowercaseASCII.utf8CodeUnitCount), lowercaseASCII)
    }

    /// `range` without leading and trailing spaces, tabs, CRs and LFs.
    func trimmingWhitespace(_ range: Range<Int>) -> Range<Int> {
        var lower = range.lowerBound
        var upper = range.upperBound
        while lower < upper && ASCII.isWhitespaceOrLineBreak(self[lower]) { lower += 1 }
        while upper > lower && ASCII.isWhitespaceOrLineBreak(self[upper - 1]) { upper -= 1 }
        return lower..<upper
    }
}

extension ArraySlice where Element == UInt8 {
    /// The slice without leading and trailing spaces, tabs, CRs and LFs.
    func trimmingWhitespace() -> ArraySlice<UInt8> {
        var lower = startIndex
        var upper = endIndex
        while lower < upper && ASCII.isWhitespaceOrLineBreak(self[lower]) { lower += 1 }
        while upper > lower && ASCII.isWhitespaceOrLineBreak(self[upper - 1]) { upper -= 1 }
        return self[lower..<upper]
    }
}

/// Lower-cases the ASCII letters of a byte sequence and makes a string of it.
func lowercasedASCIIString(_ bytes: ArraySlice<UInt8>) -> String {
    if !bytes.contains(where: { $0 &- 65 < 26 }) { return String(decoding: bytes, as: UTF8.self) }
    return String(decoding: bytes.map(ASCII.lowercased), as: UTF8.self)
}
