import MailCore

/// A LIST/LSUB mailbox pattern (RFC 9051 §6.3.9): `*` matches any octets, `%` any octets
/// but the hierarchy delimiter, everything else itself (`INBOX` in any case).
///
/// Every input is hostile: a pattern such as `*a*a*a*…b` makes a backtracking matcher
/// exponential. This one runs the pattern as a set of positions advanced together
/// (bit-parallel, one bit per pattern position), so matching a name costs
/// O(name length × pattern length / 64) whatever the pattern, and runs of wildcards are
/// collapsed first.
public struct MailboxPatternMatcher: Hashable, Sendable {
    private enum Token: Hashable, Sendable {
        case octet(UInt8)
        case anything
        case anythingButDelimiter
    }

    private let tokens: [Token]
    /// For each octet of the pattern, the positions holding it.
    private let octetMasks: [UInt8: [UInt64]]
    private let anythingMask: [UInt64]
    private let anythingButDelimiterMask: [UInt64]
    private let wordCount: Int
    /// No name can match (more literal octets than a name can hold).
    private let matchesNothing: Bool

    private static let delimiter = UInt8(ascii: "/")

    /// Compiles a pattern given as UTF-8 text.
    public init(_ pattern: String) {
        var tokens = [Token]()
        var literalCount = 0
        for byte in Self.canonicalInbox(Array(pattern.utf8)) {
            switch byte {
            case UInt8(ascii: "*"):
                if let last = tokens.last, last != .anything && last != .anythingButDelimiter {
                    tokens.append(.anything)
                } else if tokens.isEmpty {
                    tokens.append(.anything)
                } else {
                    tokens[tokens.count - 1] = .anything
                }
            case UInt8(ascii: "%"):
                if let last = tokens.last, last == .anything || last == .anythingButDelimiter { continue }
                tokens.append(.anythingButDelimiter)
            default:
                tokens.append(.octet(byte))
                literalCount += 1
            }
        }
        self.tokens = tokens
        matchesNothing = literalCount > MailboxName.maximumLength
        let words = tokens.count / 64 + 1
        wordCount = words
        var octets = [UInt8: [UInt64]]()
        var anything = [UInt64](repeating: 0, count: words)
        var anythingButDelimiter = [UInt64](repeating: 0, count: words)
        for (position, token) in tokens.enumerated() where !matchesNothing {
            let word = position / 64
            let bit = UInt64(1) << UInt64(position % 64)
            switch token {
            case .octet(let byte): octets[byte, default: [UInt64](repeating: 0, count: words)][word] |= bit
            case .anything: anything[word] |= bit
            case .anythingButDelimiter: anythingButDelimiter[word] |= bit
            }
        }
        octetMasks = octets
        anythingMask = anything
        anythingButDelimiterMask = anythingButDelimiter
    }

    /// Whether the pattern holds a wildcard.
    public var hasWildcards: Bool {
        tokens.contains { $0 == .anything || $0 == .anythingButDelimiter }
    }

    /// Whether `name` (UTF-8 text) matches the whole pattern.
    public func matches(_ name: String) -> Bool {
        guard !matchesNothing else { return false }
        var state = [UInt64](repeating: 0, count: wordCount)
        state[0] = 1
        closeOverEmptyMatches(&state)
        let zero = [UInt64](repeating: 0, count: wordCount)
        for byte in name.utf8 {
            let octetMask = octetMasks[byte] ?? zero
            var next = [UInt64](repeating: 0, count: wordCount)
            var carry: UInt64 = 0
            var any: UInt64 = 0
            for word in 0..<wordCount {
                let advanced = state[word] & octetMask[word]
                next[word] = (advanced << 1) | carry
                carry = advanced >> 63
                next[word] |= state[word] & anythingMask[word]
                if byte != Self.delimiter { next[word] |= state[word] & anythingButDelimiterMask[word] }
                any |= next[word]
            }
            guard any != 0 else { return false }
            closeOverEmptyMatches(&next)
            state = next
        }
        let accepting = tokens.count
        return state[accepting / 64] & (UInt64(1) << UInt64(accepting % 64)) != 0
    }

    /// A wildcard also matches nothing: a position before one implies the position after it.
    /// Wildcards never follow each other once collapsed, so one step suffices.
    private func closeOverEmptyMatches(_ state: inout [UInt64]) {
        var carry: UInt64 = 0
        for word in 0..<wordCount {
            let wild = state[word] & (anythingMask[word] | anythingButDelimiterMask[word])
            let shifted = (wild << 1) | carry
            carry = wild >> 63
            state[word] |= shifted
        }
    }

    /// `inbox` and `inbox/...` spelled in any case stand for INBOX (RFC 9051 §5.1).
    private static func canonicalInbox(_ bytes: [UInt8]) -> [UInt8] {
        guard bytes.count >= 5, bytes.count == 5 || bytes[5] == delimiter,
              String(decoding: bytes[0..<5], as: UTF8.self).uppercased() == "INBOX" else { return bytes }
        return Array("INBOX".utf8) + bytes[5...]
    }
}
