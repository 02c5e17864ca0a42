/// A web address found in a message's text, reduced to what the spam rules and the
/// tokenizer look at.
public struct SpamURL: Sendable, Hashable {
    /// The host, lower-cased, without a trailing dot (an IPv6 literal keeps its brackets).
    public var host: String
    /// Whether the address has a user-info part (`http://bank.example@evil.example/`).
    public var hasUserInfo: Bool
    /// The explicit port, when one is given.
    public var port: Int?

    public init(host: String, hasUserInfo: Bool = false, port: Int? = nil) {
        self.host = host
        self.hasUserInfo = hasUserInfo
        self.port = port
    }

    /// Whether the host is an address literal rather than a name.
    public var hasAddressHost: Bool {
        host.hasPrefix("[") || (!host.isEmpty && host.utf8.allSatisfy { ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x2E })
    }

    /// The host and every parent domain of at least two labels: `a.b.example.org` gives
    /// `a.b.example.org`, `b.example.org`, `example.org`.
    public var hostAndParents: [String] {
        guard !hasAddressHost else { return [host] }
        let labels = host.split(separator: ".", omittingEmptySubsequences: false)
        guard labels.count > 2 else { return [host] }
        return (0...(labels.count - 2)).map { labels[$0...].joined(separator: ".") }
    }
}
