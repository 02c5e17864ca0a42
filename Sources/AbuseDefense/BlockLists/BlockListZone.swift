import DNSResolver

/// One DNS block list (a DNSxL, RFC 5782) as the operator configured it: its zone, and what
/// its answers mean.
///
/// A list answers a listed address with one or more A records in 127.0.0.0/8; lists that
/// combine several sub-lists give each its own address (RFC 5782 §2.3), which
/// ``returnCodes`` names. When ``returnCodes`` is empty any such answer is a listing; when it
/// is not, only the codes it names are (the others are ignored, as Postfix's
/// `zone=127.0.0.[2..4]` filters do).
public struct BlockListZone: Sendable, Hashable {
    /// The zone under which the reversed address is looked up, e.g. `zen.example`.
    public let name: DNSName
    /// What each answer address means, e.g. 127.0.0.2 → "spam source".
    public let returnCodes: [IPAddress: String]

    /// A zone from its name and the meanings of its answers.
    public init(name: DNSName, returnCodes: [IPAddress: String] = [:]) {
        self.name = name.lowercased()
        self.returnCodes = returnCodes
    }

    /// A zone from its name as text; nil when the text is not a domain name.
    public init?(_ text: String, returnCodes: [IPAddress: String] = [:]) {
        guard !text.isEmpty, let name = try? DNSName(text), !name.isRoot else { return nil }
        self.init(name: name, returnCodes: returnCodes)
    }

    /// The zone name as text (for replies and logs).
    public var displayName: String { name.description }
}
