/// One `ptype.property=value` of a method result (RFC 8601 §2.3), for example
/// `smtp.mailfrom=sender@example.org` or `header.d=example.org`.
public struct AuthenticationResultsProperty: Sendable, Hashable {
    /// The property type: `smtp`, `header`, `body` or `policy`.
    public var type: String
    /// The property within the type: `mailfrom`, `helo`, `d`, `s`, `b`, `from`, …
    public var name: String
    /// The value, unquoted.
    public var value: String

    public init(type: String, name: String, value: String) {
        self.type = type
        self.name = name
        self.value = value
    }

    /// `smtp.<name>=<value>`.
    public static func smtp(_ name: String, _ value: String) -> AuthenticationResultsProperty {
        AuthenticationResultsProperty(type: "smtp", name: name, value: value)
    }

    /// `header.<name>=<value>`.
    public static func header(_ name: String, _ value: String) -> AuthenticationResultsProperty {
        AuthenticationResultsProperty(type: "header", name: name, value: value)
    }

    /// `policy.<name>=<value>`.
    public static func policy(_ name: String, _ value: String) -> AuthenticationResultsProperty {
        AuthenticationResultsProperty(type: "policy", name: name, value: value)
    }
}
