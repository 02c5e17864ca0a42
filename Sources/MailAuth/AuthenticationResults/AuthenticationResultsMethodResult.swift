/// One method's result in an Authentication-Results field (RFC 8601 §2.2 `resinfo`):
/// `method=result (comment) reason="…" ptype.property=value …`.
public struct AuthenticationResultsMethodResult: Sendable, Hashable {
    /// The method, lower case: `spf`, `dkim`, `dmarc`, `arc`, `iprev`, `auth`, …
    public var method: String
    /// The result word, lower case: `pass`, `fail`, `none`, `temperror`, …
    public var result: String
    /// A comment shown after the result, for people (for example `p=reject dis=none`).
    public var comment: String?
    /// The `reason=` text, if any.
    public var reason: String?
    /// The properties in order.
    public var properties: [AuthenticationResultsProperty]

    public init(method: String, result: String, comment: String? = nil, reason: String? = nil,
                properties: [AuthenticationResultsProperty] = []) {
        self.method = method
        self.result = result
        self.comment = comment
        self.reason = reason
        self.properties = properties
    }

    /// The value of the first property `type.name` (compared without regard to case).
    public func property(_ type: String, _ name: String) -> String? {
        properties.first { $0.type.lowercased() == type.lowercased() && $0.name.lowercased() == name.lowercased() }?.value
    }
}
