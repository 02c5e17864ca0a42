/// A lexical token of an address field (RFC 5322 §3.2).
struct AddressToken {
    enum Kind: Equatable {
        /// A run of `atext` (and 8-bit bytes).
        case atom
        /// A quoted string; its text is the unescaped content.
        case quoted
        /// A comment; its text is the content without the outer parentheses.
        case comment
        /// A domain literal `[...]`, brackets included.
        case domainLiteral
        /// One special character: `< > @ , ; : .` or a stray one.
        case special(UInt8)
    }

    var kind: Kind
    /// Where the token's text is: in the field bytes, or (when unescaped) in the token list's storage.
    var start: Int
    var end: Int
    var isInStorage: Bool
    /// Whether whitespace or a comment came before it.
    var spaceBefore: Bool

    func isSpecial(_ byte: UInt8) -> Bool { kind == .special(byte) }
    var isComment: Bool { kind == .comment }
}

/// The tokens of one address field, with the text they refer to.
struct AddressTokenList {
    let source: ArraySlice<UInt8>
    /// Unescaped text of quoted strings and comments that had escapes or line breaks.
    private(set) var storage: [UInt8] = []
    private(set) var tokens: [AddressToken] = []
    private(set) var hasUnclosedQuote = false

    /// Splits an address field into tokens in one pass. Line breaks are whitespace.
    init(_ source: ArraySlice<UInt8>) {
        self.source = source
        tokens.reserveCapacity(source.count / 4 + 4)
        var index = source.startIndex
        var spaceBefore = false
        while index < source.endIndex {
            let byte = source[index]
            if ASCII.isWhitespaceOrLineBreak(byte) || byte == ASCII.nul {
                spaceBefore = true
                index += 1
                continue
            }
            switch byte {
            case ASCII.quote:
                index = readQuoted(from: index, spaceBefore: spaceBefore)
            case ASCII.openParenthesis:
                var scanner = StructuredFieldScanner(source[index...])
                let content = scanner.readComment()
                append(.comment, content.startIndex, content.endIndex, unescaping: true, spaceBefore: spaceBefore)
                index = scanner.index
                spaceBefore = true
                continue
            case ASCII.openBracket:
                let close = source[index...].firstIndex(of: ASCII.closeBracket).map { $0 + 1 } ?? source.endIndex
                append(.domainLiteral, index, close, unescaping: false, spaceBefore: spaceBefore)
                index = close
            default:
                if ASCII.isAtomCharacter(byte) {
                    let start = index
                    while index < source.endIndex && ASCII.isAtomCharacter(source[index]) { index += 1 }
                    append(.atom, start, index, unescaping: false, spaceBefore: spaceBefore)
                } else {
                    append(.special(byte), index, index + 1, unescaping: false, spaceBefore: spaceBefore)
                    index += 1
                }
            }
            spaceBefore = false
        }
    }

    var count: Int { tokens.count }
    subscript(_ index: Int) -> AddressToken { tokens[index] }

    /// The text of a token.
    func text(_ token: AddressToken) -> ArraySlice<UInt8> {
        token.isInStorage ? storage[token.start..<token.end] : source[token.start..<token.end]
    }

    private mutating func append(_ kind: AddressToken.Kind, _ start: Int, _ end: Int, unescaping: Bool, spaceBefore: Bool) {
        let content = source[start..<end]
        if unescaping && content.contains(where: { $0 == ASCII.backslash || $0 == ASCII.carriageReturn || $0 == ASCII.lineFeed }) {
            let storageStart = storage.count
            var index = start
            while index < end {
                let byte = source[index]
                if byte == ASCII.backslash && index + 1 < end {
                    storage.append(source[index + 1])
                    index += 2
                    continue
                }
                if byte != ASCII.carriageReturn && byte != ASCII.lineFeed { storage.append(byte) }
                index += 1
            }
            tokens.append(AddressToken(kind: kind, start: storageStart, end: storage.count, isInStorage: true, spaceBefore: spaceBefore))
        } else {
            tokens.append(AddressToken(kind: kind, start: start, end: end, isInStorage: false, spaceBefore: spaceBefore))
        }
    }

    /// Reads a quoted string at `"`. An unclosed one ends before the last `<` that follows it
    /// (so `"John Smith <john@example.org>` still yields an address), or at the end.
    private mutating func readQuoted(from start: Int, spaceBefore: Bool) -> Int {
        var index = start + 1
        while index < source.endIndex {
            let byte = source[index]
            if byte == ASCII.quote {
                append(.quoted, start + 1, index, unescaping: true, spaceBefore: spaceBefore)
                return index + 1
            }
            index += byte == ASCII.backslash ? 2 : 1
        }
        hasUnclosedQuote = true
        let stop = source[(start + 1)...].lastIndex(of: ASCII.lessThan) ?? source.endIndex
        let content = source[(start + 1)..<stop].trimmingWhitespace()
        append(.quoted, content.startIndex, content.endIndex, unescaping: true, spaceBefore: spaceBefore)
        return stop
    }
}
