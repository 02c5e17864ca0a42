/// A canonicalization algorithm of RFC 6376 §3.4: how much a header field or body may change
/// in transit and still verify.
public enum DKIMCanonicalization: String, Sendable, Hashable, CaseIterable {
    /// Tolerates almost no change (§3.4.1, §3.4.3).
    case simple
    /// Tolerates whitespace changes and header field name case (§3.4.2, §3.4.4).
    case relaxed
}

/// The `c=` tag of a signature: one algorithm for the header, one for the body.
public struct DKIMCanonicalizationPair: Sendable, Hashable {
    public var header: DKIMCanonicalization
    public var body: DKIMCanonicalization

    public init(header: DKIMCanonicalization, body: DKIMCanonicalization) {
        self.header = header
        self.body = body
    }

    /// Reads a `c=` value: "header/body", or "header" alone with a simple body (§3.5);
    /// nil for anything else.
    init?(tagValue: String) {
        let parts = tagValue.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count <= 2,
              let header = DKIMCanonicalization(rawValue: String(parts[0]).lowercased()) else { return nil }
        self.header = header
        if parts.count == 2 {
            guard let body = DKIMCanonicalization(rawValue: String(parts[1]).lowercased()) else { return nil }
            self.body = body
        } else {
            self.body = .simple
        }
    }

    /// The `c=` value: "header/body".
    var tagValue: String { "\(header.rawValue)/\(body.rawValue)" }
}
