/// The parsed value of an Authentication-Results field (RFC 8601 §2.2): who made the checks
/// and what they found. ARC reads the results of the hop before it this way.
public struct AuthenticationResultsValue: Sendable, Hashable {
    /// The authserv-id as written, unquoted.
    public var authservID: String
    /// The version after the authserv-id, if given (only 1 is defined).
    public var version: Int?
    /// The method results that could be read; a malformed one is skipped. Empty for `none`.
    public var results: [AuthenticationResultsMethodResult]

    public init(authservID: String, version: Int? = nil, results: [AuthenticationResultsMethodResult]) {
        self.authservID = authservID
        self.version = version
        self.results = results
    }

    /// Parses a field value (the text after `Authentication-Results:`, folded or not).
    /// Nil when it does not start with an authserv-id. For ARC-Authentication-Results, pass
    /// the text after the `i=` tag and its `;`.
    public static func parse(_ value: some Collection<UInt8>) -> AuthenticationResultsValue? {
        AuthenticationResultsParser.parse(ArraySlice(value))
    }

    /// Parses a field value given as text.
    public static func parse(_ value: String) -> AuthenticationResultsValue? {
        parse(Array(value.utf8))
    }

    /// The results of one method (compared without regard to case), in order.
    public func results(of method: String) -> [AuthenticationResultsMethodResult] {
        let wanted = method.lowercased()
        return results.filter { $0.method == wanted }
    }
}
