/// Input the parser refuses, and how to answer it.
public struct CommandRejection: Error, Hashable, Sendable {
    /// The tag of the refused command; nil when none could be read (answer untagged).
    public var tag: String?
    /// `BAD` or `NO`.
    public var status: RejectionStatus
    /// A response code to send with it, such as `TOOBIG` or `BADCHARSET`.
    public var code: ResponseCode?
    /// What is wrong.
    public var text: String
    /// Whether the connection must be closed after the answer (the parser cannot find where
    /// the refused input ends).
    public var closesConnection: Bool

    /// A value with the given fields.
    public init(tag: String?, status: RejectionStatus = .bad, code: ResponseCode? = nil, text: String,
                closesConnection: Bool = false) {
        self.tag = tag
        self.status = status
        self.code = code
        self.text = text
        self.closesConnection = closesConnection
    }

    /// The status response to send.
    public var response: StatusResponse {
        StatusResponse(tag: tag, status: status == .bad ? .bad : .no, code: code, text: text)
    }
}
