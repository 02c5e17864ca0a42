import MailCore

/// The lexical rules of Authentication-Results (RFC 8601 §2.2, which takes `value` and
/// `token` from RFC 2045 §5.1 and `Keyword` from RFC 5321), for writing values safely.
enum AuthenticationResultsSyntax {
    /// RFC 2045 `tspecials`: characters a token cannot hold.
    static let specials: Set<UInt8> = Set("()<>@,;:\\\"/[]?=".utf8)

    /// A `token` octet: printable ASCII other than space and the specials.
    static func isTokenByte(_ byte: UInt8) -> Bool {
        (0x21...0x7E).contains(byte) && !specials.contains(byte)
    }

    static func isToken(_ text: String) -> Bool {
        !text.isEmpty && text.utf8.allSatisfy(isTokenByte)
    }

    /// `[ [ local-part ] "@" ] domain-name` with a dot-atom local part (RFC 8601 §2.2 `pvalue`).
    static func isAddress(_ text: String) -> Bool {
        guard let at = text.lastIndex(of: "@") else { return false }
        let localPart = String(text[..<at])
        let domain = String(text[text.index(after: at)...])
        return (localPart.isEmpty || EmailAddress.isDotAtom(localPart))
            && EmailAddress.isDotAtom(domain) && domain.utf8.allSatisfy(isDomainByte)
    }

    /// Letters, digits, hyphen, underscore and dot.
    private static func isDomainByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
             UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."): true
        default: false
        }
    }

    /// `text` with control characters (line breaks included) turned into spaces, so nothing
    /// written can end the field or start another.
    static func withoutControls(_ text: String) -> String {
        String(String.UnicodeScalarView(text.unicodeScalars.map { $0.value < 0x20 || $0.value == 0x7F ? " " : $0 }))
    }

    /// A keyword (method, result, property type or name): only its token octets kept.
    static func keyword(_ text: String) -> String {
        let kept = String(decoding: text.utf8.filter(isTokenByte), as: UTF8.self)
        return kept.isEmpty ? "unknown" : kept
    }

    /// A `value`: the token as it is, otherwise a quoted string.
    static func value(_ text: String) -> String {
        isToken(text) ? text : quoted(text)
    }

    /// A property value: a token or an address as they are, otherwise a quoted string.
    static func propertyValue(_ text: String) -> String {
        isToken(text) || isAddress(text) ? text : quoted(text)
    }

    /// A quoted string with `"` and `\` escaped.
    static func quoted(_ text: String) -> String {
        "\"" + escaped(withoutControls(text), ["\"", "\\"]) + "\""
    }

    /// A comment with `(`, `)` and `\` escaped.
    static func comment(_ text: String) -> String {
        "(" + escaped(withoutControls(text), ["(", ")", "\\"]) + ")"
    }

    private static func escaped(_ text: String, _ characters: Set<Character>) -> String {
        var output = ""
        output.reserveCapacity(text.utf8.count + 2)
        for character in text {
            if characters.contains(character) { output.append("\\") }
            output.append(character)
        }
        return output
    }
}
