/// Checks byte sequences for well-formed UTF-8 (RFC 3629), with a fast path for ASCII.
enum UTF8Validation {
    static func isValid(_ bytes: ArraySlice<UInt8>) -> Bool {
        bytes.withUnsafeBufferPointer { isValid($0) }
    }

    static func isValid(_ buffer: UnsafeBufferPointer<UInt8>) -> Bool {
        let count = buffer.count
        guard let base = buffer.baseAddress else { return true }
        var index = 0
        while index < count {
            // ASCII runs, 32 bytes at a time.
            while index + 32 <= count {
                let raw = UnsafeRawPointer(base + index)
                let bits = raw.loadUnaligned(as: UInt64.self) | raw.loadUnaligned(fromByteOffset: 8, as: UInt64.self)
                    | raw.loadUnaligned(fromByteOffset: 16, as: UInt64.self) | raw.loadUnaligned(fromByteOffset: 24, as: UInt64.self)
                if bits & 0x8080_8080_8080_8080 != 0 { break }
                index += 32
            }
            // Then eight at a time, then one at a time up to the next non-ASCII byte.
            while index + 8 <= count && UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self) & 0x8080_8080_8080_8080 == 0 {
                index += 8
            }
            while index < count && base[index] < 0x80 { index += 1 }
            guard index < count else { break }
            let lead = base[index]
            let length: Int
            var lowestSecond: UInt8 = 0x80
            var highestSecond: UInt8 = 0xBF
            switch lead {
            case 0xC2...0xDF: length = 2
            case 0xE0: length = 3; lowestSecond = 0xA0
            case 0xE1...0xEC, 0xEE...0xEF: length = 3
            case 0xED: length = 3; highestSecond = 0x9F
            case 0xF0: length = 4; lowestSecond = 0x90
            case 0xF1...0xF3: length = 4
            case 0xF4: length = 4; highestSecond = 0x8F
            default: return false
            }
            guard index + length <= count else { return false }
            let second = base[index + 1]
            guard second >= lowestSecond && second <= highestSecond else { return false }
            var offset = 2
            while offset < length {
                guard base[index + offset] & 0xC0 == 0x80 else { return false }
                offset += 1
            }
            index += length
        }
        return true
    }
}

extension Array where Element == UInt8 {
    /// Appends the UTF-8 of a string in one copy (appending `string.utf8` walks it byte by byte).
    @inline(__always)
    mutating func appendUTF8(of string: String) {
        var string = string
        string.withUTF8 { append(contentsOf: $0) }
    }

    /// Appends the UTF-8 encoding of one scalar value (assumed valid).
    @inline(__always)
    mutating func appendUTF8(scalar value: UInt32) {
        if value < 0x80 {
            append(UInt8(value))
        } else if value < 0x800 {
            append(UInt8(0xC0 | (value >> 6)))
            append(UInt8(0x80 | (value & 0x3F)))
        } else if value < 0x10000 {
            append(UInt8(0xE0 | (value >> 12)))
            append(UInt8(0x80 | ((value >> 6) & 0x3F)))
            append(UInt8(0x80 | (value & 0x3F)))
        } else {
            append(UInt8(0xF0 | (value >> 18)))
            append(UInt8(0x80 | ((value >> 12) & 0x3F)))
            append(UInt8(0x80 | ((value >> 6) & 0x3F)))
            append(UInt8(0x80 | (value & 0x3F)))
        }
    }
}
