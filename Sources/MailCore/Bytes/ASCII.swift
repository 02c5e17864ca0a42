/// Byte values and classifications used by the message parsers.
enum ASCII {
    static let nul: UInt8 = 0
    static let tab: UInt8 = 9
    static let lineFeed: UInt8 = 10
    static let carriageReturn: UInt8 = 13
    static let space: UInt8 = 32
    static let quote: UInt8 = 34        // "
    static let ampersand: UInt8 = 38    // &
    static let openParenthesis: UInt8 = 40
    static let closeParenthesis: UInt8 = 41
    static let asterisk: UInt8 = 42
    static let comma: UInt8 = 44
    static let hyphen: UInt8 = 45
    static let period: UInt8 = 46
    static let slash: UInt8 = 47
    static let colon: UInt8 = 58
    static let semicolon: UInt8 = 59
    static let lessThan: UInt8 = 60
    static let equals: UInt8 = 61
    static let greaterThan: UInt8 = 62
    static let questionMark: UInt8 = 63
    static let at: UInt8 = 64
    static let openBracket: UInt8 = 91
    static let backslash: UInt8 = 92
    static let closeBracket: UInt8 = 93
    static let underscore: UInt8 = 95
    static let apostrophe: UInt8 = 39
    static let percent: UInt8 = 37
    static let hash: UInt8 = 35

    /// Space or horizontal tab (RFC 5234 `WSP`).
    @inline(__always) static func isWhitespace(_ byte: UInt8) -> Bool { byte == space || byte == tab }

    /// Space, tab, CR or LF.
    @inline(__always) static func isWhitespaceOrLineBreak(_ byte: UInt8) -> Bool {
        byte == space || byte == tab || byte == carriageReturn || byte == lineFeed
    }

    @inline(__always) static func lowercased(_ byte: UInt8) -> UInt8 {
        byte &- 65 < 26 ? byte | 0x20 : byte
    }

    @inline(__always) static func isDigit(_ byte: UInt8) -> Bool { byte &- 48 < 10 }

    @inline(__always) static func isLetter(_ byte: UInt8) -> Bool { (byte | 0x20) &- 97 < 26 }

    /// The value of a hexadecimal digit (either case), or nil.
    @inline(__always) static func hexValue(_ byte: UInt8) -> UInt8? {
        if byte &- 48 < 10 { return byte - 48 }
        let lower = byte | 0x20
        if lower &- 97 < 6 { return lower - 87 }
        return nil
    }

    /// The byte of an escape such as `=XX` (quoted-printable) or `%XX` (RFC 2231) whose
    /// introducer is at `index`: both following bytes must be hex digits.
    @inline(__always)
    static func escapedByte(_ bytes: ArraySlice<UInt8>, at index: Int) -> UInt8? {
        guard index + 2 < bytes.endIndex, let high = hexValue(bytes[index + 1]), let low = hexValue(bytes[index + 2]) else {
            return nil
        }
        return high << 4 | low
    }

    /// RFC 5322 §3.6.8 `ftext`: printable US-ASCII except colon.
    @inline(__always) static func isFieldNameCharacter(_ byte: UInt8) -> Bool {
        byte >= 33 && byte <= 126 && byte != colon
    }

    /// RFC 2045 §5.1 `token` characters: any CHAR except SPACE, CTLs and tspecials.
    /// Bytes above 127 are accepted too, for leniency with raw UTF-8.
    @inline(__always) static func isTokenCharacter(_ byte: UInt8) -> Bool {
        // Bit n of the masks is set when byte n (or 64 + n) is a token character.
        isInSet(byte, low: 0x03FF_6CFA_0000_0000, high: 0x7FFF_FFFF_C7FF_FFFE)
    }

    /// RFC 5322 §3.2.3 `atext`, with bytes above 127 accepted (RFC 6532 §3.2).
    @inline(__always) static func isAtomCharacter(_ byte: UInt8) -> Bool {
        // Letters, digits and ! # $ % & ' * + - / = ? ^ _ ` { | } ~
        isInSet(byte, low: 0xA3FF_ACFA_0000_0000, high: 0x7FFF_FFFF_C7FF_FFFE)
    }

    /// Whether all the bytes are below 128.
    static func isASCII(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = bytes.baseAddress else { return true }
        var index = 0
        var bits: UInt64 = 0
        while index + 8 <= bytes.count {
            bits |= UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self)
            index += 8
        }
        while index < bytes.count {
            bits |= UInt64(base[index])
            index += 1
        }
        return bits & 0x8080_8080_8080_8080 == 0
    }

    /// Whether the bytes hold a CR, an LF or a NUL.
    static func containsLineBreakOrNul(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = bytes.baseAddress else { return false }
        var index = 0
        // Eight bytes at a time: is any byte below 14 (which CR, LF and NUL are)?
        while index + 8 <= bytes.count {
            let word = UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self)
            if (word &- 0x0E0E_0E0E_0E0E_0E0E) & ~word & 0x8080_8080_8080_8080 != 0 { break }
            index += 8
        }
        while index < bytes.count {
            let byte = base[index]
            if byte == carriageReturn || byte == lineFeed || byte == nul { return true }
            index += 1
        }
        return false
    }

    /// Whether a byte is at least 128 or has its bit set in the masks of bytes 0-63 and 64-127.
    @inline(__always) private static func isInSet(_ byte: UInt8, low: UInt64, high: UInt64) -> Bool {
        if byte >= 128 { return true }
        let mask = byte < 64 ? low : high
        return (mask >> UInt64(byte & 63)) & 1 != 0
    }
}
