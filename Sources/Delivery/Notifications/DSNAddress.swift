/// Typed addresses and names as the delivery-status fields write them (RFC 3464 §2.1.2:
/// `type; value`).
enum DSNAddress {
    /// `Final-Recipient` style: `rfc822; addr`, or `utf-8; addr` for an internationalized
    /// address (RFC 6533 §3).
    static func typed(_ address: String) -> String {
        let cleaned = DSNText.cleaned(address, limit: DSNText.longestDiagnostic)
        return (DSNText.isNonASCII(cleaned) ? "utf-8; " : "rfc822; ") + cleaned
    }

    /// `Original-Recipient` from an `ORCPT` parameter as the queue stores it (`addr-type;address`,
    /// RFC 3461 §4.2, already decoded from xtext by the SMTP server). A value without a type is
    /// taken as an `rfc822` address.
    static func originalRecipient(_ orcpt: String) -> String? {
        let type: String
        let encoded: Substring
        if let semicolon = orcpt.firstIndex(of: ";") {
            type = orcpt[..<semicolon].trimmingSpaces
            encoded = orcpt[orcpt.index(after: semicolon)...]
        } else {
            type = "rfc822"
            encoded = orcpt[...]
        }
        let address = DSNText.cleaned(String(encoded), limit: DSNText.longestDiagnostic)
        let cleanedType = String(DSNText.cleaned(type, limit: 64).filter { $0 != " " })
        guard !address.isEmpty else { return nil }
        return (cleanedType.isEmpty ? "rfc822" : cleanedType) + "; " + address
    }

    /// A typed value (`type; text`) kept as given, or `text` typed with `defaultType`: for
    /// `Remote-MTA` (`dns`) and `Diagnostic-Code` (`smtp`, RFC 3464 §2.3.5, §2.3.6).
    static func typedValue(_ value: String, defaultType: String) -> String {
        let cleaned = DSNText.cleaned(value, limit: DSNText.longestDiagnostic)
        if let semicolon = cleaned.firstIndex(of: ";"), isAtom(cleaned[..<semicolon]) {
            let rest = cleaned[cleaned.index(after: semicolon)...].trimmingSpaces
            return cleaned[..<semicolon].trimmingSpaces + "; " + rest
        }
        return defaultType + "; " + cleaned
    }

    /// The text of a typed value without its type, for people to read.
    static func untyped(_ typedValue: String) -> String {
        guard let semicolon = typedValue.firstIndex(of: ";") else { return typedValue }
        return typedValue[typedValue.index(after: semicolon)...].trimmingSpaces
    }

    /// Whether the text is a type name: a letter, then letters, digits and hyphens.
    private static func isAtom(_ text: Substring) -> Bool {
        let name = text.trimmingSpaces.utf8
        guard let first = name.first, (65...90).contains(first) || (97...122).contains(first) else { return false }
        return name.allSatisfy { byte in
            (48...57).contains(byte) || (65...90).contains(byte) || (97...122).contains(byte) || byte == UInt8(ascii: "-")
        }
    }
}

private extension StringProtocol {
    /// The text without leading and trailing spaces.
    var trimmingSpaces: String {
        String(drop(while: { $0 == " " }).reversed().drop(while: { $0 == " " }).reversed())
    }
}
