/// The status of a refusal: a syntax error or unacceptable argument (`BAD`) or a refusal
/// of a well-formed command (`NO`).
public enum RejectionStatus: Hashable, Sendable {
    case bad
    case no
}

/// The status word of a status response (RFC 9051 §7.1).
public enum ResponseStatus: String, Hashable, Sendable {
    case ok = "OK"
    case no = "NO"
    case bad = "BAD"
    case preauth = "PREAUTH"
    case bye = "BYE"
}

/// A status response: `tag OK [code] text`, or untagged `* OK ...`, `* BYE ...` and so on.
public struct StatusResponse: Hashable, Sendable {
    /// The tag; nil for an untagged response.
    public var tag: String?
    /// `OK`, `NO`, `BAD`, `PREAUTH` or `BYE`.
    public var status: ResponseStatus
    /// The bracketed response code, if any.
    public var code: ResponseCode?
    /// Human-readable text (never empty on the wire: RFC 9051 `text` is 1*TEXT-CHAR).
    public var text: String

    /// A value with the given fields.
    public init(tag: String?, status: ResponseStatus, code: ResponseCode? = nil, text: String) {
        self.tag = tag
        self.status = status
        self.code = code
        self.text = text
    }
}
