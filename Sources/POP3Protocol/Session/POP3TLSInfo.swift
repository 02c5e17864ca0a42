/// The TLS protection of a connection, as the glue reports it.
public struct POP3TLSInfo: Sendable, Equatable {
    /// The protocol version, e.g. `TLSv1.3`.
    public var version: String
    /// The cipher suite.
    public var cipher: String

    /// Creates the details.
    public init(version: String, cipher: String) {
        self.version = version
        self.cipher = cipher
    }
}
