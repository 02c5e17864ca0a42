/// One `%{…}` macro of a macro-string (RFC 7208 §7.1): a letter naming a value and the
/// transformers applied to it.
public struct SPFMacro: Sendable, Hashable {
    /// The value a macro letter stands for (§7.2).
    public enum Letter: UInt8, Sendable, Hashable {
        /// `s`: the sender (local-part@domain).
        case sender = 0x73
        /// `l`: the local-part of the sender.
        case localPart = 0x6C
        /// `o`: the domain of the sender.
        case senderDomain = 0x6F
        /// `d`: the domain being checked.
        case domain = 0x64
        /// `i`: the client address, dotted decimal (IPv4) or dotted nibbles (IPv6).
        case ipAddress = 0x69
        /// `p`: the validated domain name of the client (deprecated, §5.5).
        case validatedDomain = 0x70
        /// `v`: "in-addr" for IPv4, "ip6" for IPv6.
        case ipVersion = 0x76
        /// `h`: the HELO/EHLO domain.
        case helo = 0x68
        /// `c`: the client address in its readable form (explanations only).
        case clientAddress = 0x63
        /// `r`: the name of the receiving host (explanations only).
        case receiver = 0x72
        /// `t`: the current time in seconds since the epoch (explanations only).
        case timestamp = 0x74

        /// Whether the letter is allowed only in explanation text (§7.2).
        var isExplanationOnly: Bool {
            self == .clientAddress || self == .receiver || self == .timestamp
        }
    }

    /// The value to expand.
    public var letter: Letter
    /// Whether the letter was written in upper case: the result is then URL-escaped (§7.3).
    public var isURLEscaped: Bool
    /// How many parts to keep from the right, nil for all (the digit transformer).
    public var rightmostPartCount: Int?
    /// Whether the parts are reversed before counting (the `r` transformer).
    public var isReversed: Bool
    /// The characters that split the value into parts, as a bit set over ``delimiterCharacters``;
    /// only "." when none is written.
    var delimiterMask: UInt8

    /// The delimiter characters in the order of the bits of ``delimiterMask`` (§7.1).
    static let delimiterCharacters: [UInt8] = Array(".-+,/_=".utf8)
    /// The mask of the default delimiter ".".
    static let defaultDelimiterMask: UInt8 = 1

    /// The bit of a delimiter character, or nil if the byte is not one.
    static func delimiterBit(of byte: UInt8) -> UInt8? {
        guard let index = delimiterCharacters.firstIndex(of: byte) else { return nil }
        return 1 << UInt8(index)
    }

    /// Whether `byte` splits the value into parts.
    func isDelimiter(_ byte: UInt8) -> Bool {
        guard let bit = Self.delimiterBit(of: byte) else { return false }
        return delimiterMask & bit != 0
    }
}

extension SPFMacro: CustomStringConvertible {
    /// The macro as written: `%{` letter, transformers, delimiters, `}`.
    public var description: String {
        var text = "%{"
        let letterByte = isURLEscaped ? letter.rawValue - 0x20 : letter.rawValue
        text.append(Character(UnicodeScalar(letterByte)))
        if let rightmostPartCount { text += String(rightmostPartCount) }
        if isReversed { text += "r" }
        if delimiterMask != Self.defaultDelimiterMask {
            for (index, character) in Self.delimiterCharacters.enumerated() where delimiterMask & (1 << UInt8(index)) != 0 {
                text.append(Character(UnicodeScalar(character)))
            }
        }
        return text + "}"
    }
}
