import MailCore

/// The argument of HELO or EHLO: the client's domain name or an address literal such as
/// `[192.0.2.1]` (RFC 5321 §4.1.1.1). It is what the client claims, kept for the `Received:`
/// header; nothing here checks it against DNS.
public struct SMTPHelloName: Sendable, Hashable, CustomStringConvertible {
    /// The name as the client sent it (validated, not case-folded).
    public let text: String
    /// Whether the name is an address literal in brackets.
    public let isAddressLiteral: Bool

    /// Validates `text` as a domain (letters, digits, hyphens, underscores or UTF-8 labels) or an
    /// address literal; `nil` if it is neither.
    public init?(_ text: String) {
        if text.hasPrefix("[") {
            guard AddressLiteral.isValid(text) else { return nil }
            isAddressLiteral = true
        } else {
            guard (try? EmailAddress.canonicalDomain(text)) != nil else { return nil }
            isAddressLiteral = false
        }
        self.text = text
    }

    /// The name as sent.
    public var description: String { text }
}
