/// A macro-string (RFC 7208 §7.1): literal text mixed with macros, validated when parsed.
/// Domain-specs, modifier values and explanation texts are macro-strings.
public struct SPFMacroString: Sendable, Hashable, CustomStringConvertible {
    /// One piece of the string.
    enum Token: Sendable, Hashable {
        /// Text copied as it is.
        case literal([UInt8])
        /// A `%{…}` macro.
        case macro(SPFMacro)
        /// `%%`, `%_` or `%-`: the text they stand for ("%", " " or "%20").
        case escape([UInt8])
    }

    /// Where the string appears, which decides the characters and letters it may use.
    enum Context {
        /// In a record: no spaces, and not the letters `c`, `r`, `t`.
        case record
        /// In an explanation text fetched by `exp=` (§6.2): spaces and every letter.
        case explanation
    }

    /// The pieces in order.
    let tokens: [Token]
    /// The text as written.
    public let description: String

    /// Whether expanding needs the validated client name (`%{p}`), which costs DNS lookups.
    var usesValidatedDomain: Bool {
        tokens.contains { if case .macro(let macro) = $0 { macro.letter == .validatedDomain } else { false } }
    }

    /// Whether the string is empty.
    var isEmpty: Bool { tokens.isEmpty }

    /// Parses a macro-string.
    init(parsing bytes: ArraySlice<UInt8>, context: Context) throws(SPFMacroSyntaxError) {
        var tokens: [Token] = []
        var literal: [UInt8] = []
        var index = bytes.startIndex
        while index < bytes.endIndex {
            let byte = bytes[index]
            guard byte == UInt8(ascii: "%") else {
                guard Self.isLiteral(byte, in: context) else { throw .invalidCharacter(byte) }
                literal.append(byte)
                index += 1
                continue
            }
            guard index + 1 < bytes.endIndex else { throw .invalidPercentEscape }
            let escape: [UInt8]
            switch bytes[index + 1] {
            case UInt8(ascii: "%"): escape = [UInt8(ascii: "%")]
            case UInt8(ascii: "_"): escape = [UInt8(ascii: " ")]
            case UInt8(ascii: "-"): escape = Array("%20".utf8)
            case UInt8(ascii: "{"):
                let (macro, end) = try Self.parseMacro(bytes, openingAt: index, context: context)
                if !literal.isEmpty { tokens.append(.literal(literal)); literal = [] }
                tokens.append(.macro(macro))
                index = end
                continue
            default: throw .invalidPercentEscape
            }
            if !literal.isEmpty { tokens.append(.literal(literal)); literal = [] }
            tokens.append(.escape(escape))
            index += 2
        }
        if !literal.isEmpty { tokens.append(.literal(literal)) }
        self.tokens = tokens
        self.description = String(decoding: bytes, as: UTF8.self)
    }

    /// Whether the string is a domain-spec (§7.1): not empty, and ending in a macro or in "."
    /// and a valid top label (optionally followed by a dot).
    var isValidDomainSpec: Bool {
        guard let last = tokens.last else { return false }
        guard case .literal(let text) = last else { return true }
        var end = text.endIndex
        if text.last == UInt8(ascii: ".") { end -= 1 }
        guard let dot = text[..<end].lastIndex(of: UInt8(ascii: ".")) else { return false }
        return SPFDomainName.isValidTopLabel(text[(dot + 1)..<end])
    }

    /// Visible ASCII except "%" (macro-literal, §7.1), and a space in explanations.
    private static func isLiteral(_ byte: UInt8, in context: Context) -> Bool {
        switch byte {
        case 0x21...0x7E: true
        case 0x20: context == .explanation
        default: false
        }
    }

    /// Parses `%{` letter *DIGIT ["r"] *delimiter `}` starting at the "%"; returns the macro
    /// and the index after the "}".
    private static func parseMacro(
        _ bytes: ArraySlice<UInt8>, openingAt start: Int, context: Context
    ) throws(SPFMacroSyntaxError) -> (SPFMacro, Int) {
        var index = start + 2
        guard index < bytes.endIndex else { throw .unterminatedMacro }
        let letterByte = bytes[index]
        let isUpperCase = (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(letterByte)
        guard let letter = SPFMacro.Letter(rawValue: isUpperCase ? letterByte + 0x20 : letterByte) else {
            throw .unknownMacroLetter(Character(UnicodeScalar(letterByte)))
        }
        if letter.isExplanationOnly, context != .explanation {
            throw .letterOnlyAllowedInExplanation(Character(UnicodeScalar(letterByte)))
        }
        index += 1
        var count: Int?
        while index < bytes.endIndex, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index]) {
            // More parts than a name can have mean "all of them": saturate instead of overflowing.
            count = min((count ?? 0) * 10 + Int(bytes[index] - UInt8(ascii: "0")), SPFLimits.maximumMacroPartCount)
            index += 1
        }
        if count == 0 { throw .zeroPartCount }
        var isReversed = false
        if index < bytes.endIndex, bytes[index] | 0x20 == UInt8(ascii: "r") {
            isReversed = true
            index += 1
        }
        var mask: UInt8 = 0
        while index < bytes.endIndex, bytes[index] != UInt8(ascii: "}") {
            guard let bit = SPFMacro.delimiterBit(of: bytes[index]) else {
                throw .invalidCharacterInMacro(Character(UnicodeScalar(bytes[index])))
            }
            mask |= bit
            index += 1
        }
        guard index < bytes.endIndex else { throw .unterminatedMacro }
        let macro = SPFMacro(letter: letter, isURLEscaped: isUpperCase, rightmostPartCount: count,
                             isReversed: isReversed, delimiterMask: mask == 0 ? SPFMacro.defaultDelimiterMask : mask)
        return (macro, index + 1)
    }
}
