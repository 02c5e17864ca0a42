import Foundation
import MailCore

/// Turning values into the text of DSN header fields and lines: control characters removed,
/// lengths bounded, and long values folded so that no line exceeds 998 octets (RFC 5322 §2.1.1).
enum DSNText {
    /// Lines are folded or wrapped after this many octets where a space allows it (RFC 5322 §2.1.1).
    static let preferredLineLength = 78
    /// A word longer than this is cut into pieces of this many octets at most, so that with its
    /// prefix a line stays below the 998-octet limit.
    static let longestWordPiece = 900
    /// The longest diagnostic kept, in octets; longer ones are cut.
    static let longestDiagnostic = 4096

    /// The text with every control character (C0, DEL, C1, line and paragraph separators)
    /// turned into a space: nothing in it can end a line or a header field.
    static func cleaned(_ text: String) -> String {
        var scalars = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0..<0x20, 0x7F..<0xA0, 0x2028, 0x2029: scalars.append(" ")
            default: scalars.append(scalar)
            }
        }
        return String(scalars)
    }

    /// The text cleaned, with its spaces collapsed and trimmed, and cut to `limit` octets.
    static func cleaned(_ text: String, limit: Int) -> String {
        let words = cleaned(text).split(separator: " ", omittingEmptySubsequences: true)
        var result = words.joined(separator: " ")
        if result.utf8.count > limit {
            result = prefix(of: result, octets: limit) + " [...]"
        }
        return result
    }

    /// The longest prefix of whole Unicode scalars that fits in `octets` UTF-8 octets.
    static func prefix(of text: String, octets: Int) -> String {
        var scalars = String.UnicodeScalarView()
        var count = 0
        for scalar in text.unicodeScalars {
            let length = String(scalar).utf8.count
            guard count + length <= octets else { break }
            count += length
            scalars.append(scalar)
        }
        return String(scalars)
    }

    /// `text` wrapped into lines (without line ends) that start with `lead` (the first) or
    /// `indent` (the others), breaking at spaces after `preferredLineLength` octets, and
    /// cutting words longer than `longestWordPiece` octets.
    static func wrapped(_ text: String, lead: String, indent: String) -> [String] {
        var lines = [String]()
        var current = lead
        var currentIsFresh = true
        for word in cleaned(text).split(separator: " ", omittingEmptySubsequences: true) {
            for piece in pieces(of: String(word)) {
                if currentIsFresh {
                    current += piece
                } else if current.utf8.count + 1 + piece.utf8.count <= preferredLineLength {
                    current += " " + piece
                } else {
                    lines.append(current)
                    current = indent + piece
                }
                currentIsFresh = false
            }
        }
        while currentIsFresh, current.hasSuffix(" ") { current.removeLast() }
        lines.append(current)
        return lines
    }

    /// A header field `Name: value` ending in CRLF, folded at spaces (RFC 5322 §2.2.3).
    static func field(_ name: String, _ value: String) -> String {
        wrapped(value, lead: name + ": ", indent: " ").joined(separator: "\r\n") + "\r\n"
    }

    /// The word cut into pieces of at most `longestWordPiece` octets, at scalar boundaries.
    private static func pieces(of word: String) -> [String] {
        guard word.utf8.count > longestWordPiece else { return [word] }
        var pieces = [String]()
        var piece = String.UnicodeScalarView()
        var count = 0
        for scalar in word.unicodeScalars {
            let length = String(scalar).utf8.count
            if count + length > longestWordPiece {
                pieces.append(String(piece))
                piece = String.UnicodeScalarView()
                count = 0
            }
            piece.append(scalar)
            count += length
        }
        if !piece.isEmpty { pieces.append(String(piece)) }
        return pieces
    }

    /// The RFC 5322 `date-time` of a moment, in UTC (RFC 3464 §2.1 uses it for every date).
    static func date(_ date: Date) -> String {
        let seconds = date.timeIntervalSince1970
        // Years 1 to 9999: a date-time has four year digits.
        let bounded = seconds.isFinite ? Swift.min(Swift.max(seconds, -62_135_596_800), 253_402_300_799) : 0
        return MessageDate(secondsSinceEpoch: Int64(bounded.rounded(.down))).rfc5322Text
    }

    /// Whether the text holds anything but ASCII.
    static func isNonASCII(_ text: String) -> Bool {
        text.utf8.contains { $0 >= 0x80 }
    }
}
