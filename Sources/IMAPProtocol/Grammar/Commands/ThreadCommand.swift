/// A THREAD algorithm (RFC 5256 §3).
public enum ThreadAlgorithm: String, Hashable, Sendable {
    case orderedSubject = "ORDEREDSUBJECT"
    case references = "REFERENCES"
}

/// `THREAD` and `UID THREAD` (RFC 5256 §3).
public struct ThreadCommand: Hashable, Sendable {
    /// How to thread.
    public var algorithm: ThreadAlgorithm
    /// The charset of the search strings, upper-cased.
    public var charset: String
    /// The search criteria, combined with AND.
    public var key: SearchKey
    /// The UID form: results are UIDs.
    public var usesUIDs: Bool

    /// A value with the given fields.
    public init(algorithm: ThreadAlgorithm, charset: String, key: SearchKey, usesUIDs: Bool = false) {
        self.algorithm = algorithm
        self.charset = charset
        self.key = key
        self.usesUIDs = usesUIDs
    }
}
