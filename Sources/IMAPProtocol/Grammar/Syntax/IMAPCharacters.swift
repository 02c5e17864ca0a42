/// Byte classes of the IMAP grammar (RFC 9051 §9).
enum IMAPCharacters {
    static let space: UInt8 = 0x20
    static let quote: UInt8 = 0x22
    static let backslash: UInt8 = 0x5C
    static let openParenthesis: UInt8 = 0x28
    static let closeParenthesis: UInt8 = 0x29
    static let openBrace: UInt8 = 0x7B
    static let closeBrace: UInt8 = 0x7D
    static let openBracket: UInt8 = 0x5B
    static let closeBracket: UInt8 = 0x5D
    static let lessThan: UInt8 = 0x3C
    static let greaterThan: UInt8 = 0x3E
    static let carriageReturn: UInt8 = 0x0D
    static let lineFeed: UInt8 = 0x0A
    static let plus: UInt8 = 0x2B
    static let minus: UInt8 = 0x2D
    static let asterisk: UInt8 = 0x2A
    static let percent: UInt8 = 0x25
    static let dollar: UInt8 = 0x24
    static let colon: UInt8 = 0x3A
    static let comma: UInt8 = 0x2C
    static let period: UInt8 = 0x2E
    static let tilde: UInt8 = 0x7E
    static let equals: UInt8 = 0x3D

    /// `atom-specials` (RFC 9051 §9): `(` `)` `{` SP CTL `%` `*` `"` `\` `]` — and 8-bit bytes,
    /// which are not CHARs.
    @inline(__always) private static func isAtomSpecialOrEightBit(_ byte: UInt8) -> Bool {
        switch byte {
        case 0x00...0x20, 0x7F...0xFF, openParenthesis, closeParenthesis, openBrace, percent, asterisk, quote, backslash,
             closeBracket:
            true
        default:
            false
        }
    }

    /// `ATOM-CHAR`: a 7-bit character that is not an atom special.
    @inline(__always) static func isAtomCharacter(_ byte: UInt8) -> Bool { !isAtomSpecialOrEightBit(byte) }

    /// `ASTRING-CHAR` (`ATOM-CHAR` or `]`), and — leniently — 8-bit bytes, which clients
    /// that enabled UTF-8 send unquoted in mailbox names; the name's decoder checks them.
    @inline(__always) static func isAStringCharacter(_ byte: UInt8) -> Bool {
        byte >= 0x80 || byte == closeBracket || isAtomCharacter(byte)
    }

    /// `list-char` (`ATOM-CHAR`, `%`, `*`, `]`), with 8-bit bytes accepted as for astrings.
    @inline(__always) static func isListCharacter(_ byte: UInt8) -> Bool {
        byte == percent || byte == asterisk || isAStringCharacter(byte)
    }

    /// A character of a `tag`: `ASTRING-CHAR` except `+` (7-bit only).
    @inline(__always) static func isTagCharacter(_ byte: UInt8) -> Bool {
        byte != plus && (byte == closeBracket || isAtomCharacter(byte))
    }

    @inline(__always) static func isDigit(_ byte: UInt8) -> Bool { byte &- 0x30 < 10 }

    /// ASCII upper-casing of one byte.
    @inline(__always) static func uppercased(_ byte: UInt8) -> UInt8 {
        byte &- 0x61 < 26 ? byte & 0xDF : byte
    }
}
