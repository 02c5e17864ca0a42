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

    /// How often `byte` occurs in `range` (64 bytes at a time).
    func count(of byte: UInt8, in range: Range<Int>) -> Int {
        let lower = Swift.max(range.lowerBound, 0)
        let upper = Swift.min(range.upperBound, count)
        guard lower < upper else { return 0 }
        return withUnsafeBufferPointer { buffer -> Int in
            guard let base = buffer.baseAddress else { return 0 }
            let needle = SIMD16<UInt8>(repeating: byte)
            let one = SIMD16<UInt8>(repeating: 1)
            let zero = SIMD16<UInt8>()
            var total = 0
            var index = lower
            while index + 64 <= upper {
                // Per-lane counts, summed before a lane can overflow (each round adds at most 4).
                var lanes = SIMD16<UInt8>()
                var rounds = 0
                while rounds < 63 && index + 64 <= upper {
                    let chunk = UnsafeRawPointer(base + index)
                    let first = chunk.loadUnaligned(as: SIMD16<UInt8>.self) .== needle
                    let second = chunk.loadUnaligned(fromByteOffset: 16, as: SIMD16<UInt8>.self) .== needle
                    let third = chunk.loadUnaligned(fromByteOffset: 32, as: SIMD16<UInt8>.self) .== needle
                    let fourth = chunk.loadUnaligned(fromByteOffset: 48, as: SIMD16<UInt8>.self) .== needle
                    lanes &+= zero.replacing(with: one, where: first) &+ zero.replacing(with: one, where: second)
                        &+ zero.replacing(with: one, where: third) &+ zero.replacing(with: one, where: fourth)
                    index += 64
                    rounds += 1
                }
                // Widened first: sixteen lanes of up to 252 overflow a byte.
                total &+= Int(SIMD16<UInt16>(truncatingIfNeeded: lanes).wrappedSum())
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
        let lower = Swift.max(range.lowerBound, 0)
        let upper = Swift.min(range.upperBound, count)
        guard lower < upper else { return }
        output.reserveCapacity(output.count + (upper - lower))
        withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return }
            var start = lower
            while start < upper, let found = memchr(base + start, Int32(ASCII.carriageReturn), upper - start) {
                let carriageReturn = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
                output.append(contentsOf: UnsafeBufferPointer(start: base + start, count: carriageReturn - start))
                let followedByLineFeed = carriageReturn + 1 < upper && base[carriageReturn + 1] == ASCII.lineFeed
                if !followedByLineFeed { output.append(ASCII.lineFeed) }
                start = carriageReturn + 1
            }
            if start < upper { output.append(contentsOf: UnsafeBufferPointer(start: base + start, count: upper - start)) }
        }
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
    return bytes.withUnsafeBufferPointer { source in
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: source.count) { lowered in
            for (position, byte) in source.enumerated() { lowered[position] = ASCII.lowercased(byte) }
            return String(decoding: lowered, as: UTF8.self)
        }
    }
}

extension ASCII {
    /// Whether the bytes in `range` equal `lowercaseASCII` ignoring ASCII case.
    @inline(__always)
    static func equalsCaseInsensitive(_ bytes: UnsafePointer<UInt8>, _ range: Range<Int>, _ lowercaseASCII: StaticString) -> Bool {
        guard range.count == lowercaseASCII.utf8CodeUnitCount else { return false }
        return equalsCaseInsensitive(bytes + range.lowerBound, range.count, lowercaseASCII)
    }

    /// Whether the `count` bytes at `bytes` equal `lowercaseASCII` ignoring ASCII case.
    @inline(__always)
    static func equalsCaseInsensitive(_ bytes: UnsafePointer<UInt8>, _ count: Int, _ lowercaseASCII: StaticString) -> Bool {
        guard count == lowercaseASCII.utf8CodeUnitCount else { return false }
        let pattern = lowercaseASCII.utf8Start
        var index = 0
        while index < count {
            if lowercased(bytes[index]) != pattern[index] { return false }
            index += 1
        }
        return true
    }
}
