/// A SORT key (RFC 5256 §3, `DISPLAYFROM`/`DISPLAYTO` from RFC 5957).
public enum SortKey: String, Hashable, Sendable {
    case arrival = "ARRIVAL"
    case cc = "CC"
    case date = "DATE"
    case from = "FROM"
    case size = "SIZE"
    case subject = "SUBJECT"
    case to = "TO"
    case displayFrom = "DISPLAYFROM"
    case displayTo = "DISPLAYTO"
}

/// One SORT criterion: a key, possibly reversed.
public struct SortCriterion: Hashable, Sendable {
    /// What to sort by.
    public var key: SortKey
    /// `REVERSE`: descending order.
    public var reverse: Bool

    /// A value with the given fields.
    public init(_ key: SortKey, reverse: Bool = false) {
        self.key = key
        self.reverse = reverse
    }
}

/// `SORT` and `UID SORT` (RFC 5256 §3; `RETURN` options from ESORT, RFC 5267 §3).
public struct SortCommand: Hashable, Sendable {
    /// `RETURN (...)` options, nil when absent.
    public var returnOptions: [SearchReturnOption]?
    /// The sort criteria, most significant first.
    public var criteria: [SortCriterion]
    /// The charset of the search strings, upper-cased (required by SORT).
    public var charset: String
    /// The search criteria, combined with AND.
    public var key: SearchKey
    /// The UID form: results are UIDs.
    public var usesUIDs: Bool

    /// A value with the given fields.
    public init(returnOptions: [SearchReturnOption]? = nil, criteria: [SortCriterion], charset: String, key: SearchKey,
                usesUIDs: Bool = false) {
        self.returnOptions = returnOptions
        self.criteria = criteria
        self.charset = charset
        self.key = key
        self.usesUIDs = usesUIDs
    }
}
