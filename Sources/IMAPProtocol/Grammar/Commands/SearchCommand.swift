/// A `RETURN` option of an extended SEARCH (RFC 4731, `SAVE` from RFC 5182).
public enum SearchReturnOption: String, Hashable, Sendable {
    case min = "MIN"
    case max = "MAX"
    case count = "COUNT"
    case all = "ALL"
    case save = "SAVE"
}

/// `SEARCH` and `UID SEARCH`.
public struct SearchCommand: Hashable, Sendable {
    /// `RETURN (...)` options; nil when there was no RETURN (a plain SEARCH response is
    /// wanted in IMAP4rev1), empty for `RETURN ()` (which means `ALL`, RFC 4731 §3.1).
    public var returnOptions: [SearchReturnOption]?
    /// The `CHARSET` named, upper-cased; nil when none was.
    public var charset: String?
    /// Every criterion, combined with AND.
    public var key: SearchKey
    /// `UID SEARCH`.
    public var usesUIDs: Bool

    /// A value with the given fields.
    public init(returnOptions: [SearchReturnOption]? = nil, charset: String? = nil, key: SearchKey, usesUIDs: Bool = false) {
        self.returnOptions = returnOptions
        self.charset = charset
        self.key = key
        self.usesUIDs = usesUIDs
    }
}
