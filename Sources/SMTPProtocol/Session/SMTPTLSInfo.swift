/// The TLS protection of a connection, as the glue reports it after the handshake (for the
/// `Received:` header and logs).
public struct SMTPTLSInfo: Sendable, Hashable {
    /// The protocol version, e.g. `TLSv1.3`.
    public var version: String
    /// The cipher suite, e.g. `TLS_AES_128_GCM_SHA256`.
    public var cipher: String

    /// Creates TLS details.
    public init(version: String, cipher: String) {
        self.version = version
        self.cipher = cipher
    }
}
