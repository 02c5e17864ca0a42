/// Finds the cipher suite a TLS server chose in the first bytes it sends: the ServerHello
/// (RFC 8446 §4.1.3, RFC 5246 §7.4.1.3), which starts the first handshake record in the
/// clear in every TLS version. Pure and bounded: it keeps at most the few bytes up to the
/// cipher suite, and gives up on anything that does not start like a ServerHello.
///
/// NIOSSL has no public accessor for the negotiated cipher, so the server reads it here,
/// for the `Received:` field (RFC 5321 §4.4) and the logs.
struct TLSServerHelloScanner {
    /// What the bytes seen so far tell.
    enum Outcome: Equatable {
        /// Not enough bytes yet.
        case needMore
        /// The ServerHello's cipher suite.
        case found(UInt16)
        /// The bytes are not a ServerHello record; nothing will be found.
        case notFound
    }

    /// record header (5) + handshake header (4) + legacy_version (2) + random (32) + session id
    /// length (1) + session id (at most 32) + cipher suite (2).
    private static let longestPrefix = 5 + 4 + 2 + 32 + 1 + 32 + 2
    private var prefix: [UInt8] = []
    private(set) var outcome = Outcome.needMore

    /// Feeds the next bytes the server sends and returns what is known now.
    mutating func scan(_ bytes: some Sequence<UInt8>) -> Outcome {
        guard outcome == .needMore else { return outcome }
        for byte in bytes {
            prefix.append(byte)
            if prefix.count >= Self.longestPrefix { break }
        }
        outcome = Self.parse(prefix)
        return outcome
    }

    private static func parse(_ bytes: [UInt8]) -> Outcome {
        // TLSPlaintext: type handshake(22), legacy_record_version 0x03xx, length.
        guard let type = bytes.first else { return .needMore }
        guard type == 22 else { return .notFound }
        if bytes.count >= 2, bytes[1] != 3 { return .notFound }
        // Handshake: msg_type server_hello(2), 24-bit length.
        guard bytes.count > 5 else { return .needMore }
        guard bytes[5] == 2 else { return .notFound }
        // legacy_session_id_echo's length follows legacy_version and random.
        let sessionIDLengthAt = 5 + 4 + 2 + 32
        guard bytes.count > sessionIDLengthAt else { return .needMore }
        let sessionIDLength = Int(bytes[sessionIDLengthAt])
        guard sessionIDLength <= 32 else { return .notFound }
        let cipherAt = sessionIDLengthAt + 1 + sessionIDLength
        guard bytes.count >= cipherAt + 2 else { return .needMore }
        return .found(UInt16(bytes[cipherAt]) << 8 | UInt16(bytes[cipherAt + 1]))
    }
}

/// The IANA names of the cipher suites a TLS server may choose (RFC 8446 §B.4 and the TLS
/// Cipher Suites registry), as `Received:` fields and OpenSSL-based servers print them.
enum TLSCipherSuiteName {
    private static let names: [UInt16: String] = [
        0x1301: "TLS_AES_128_GCM_SHA256",
        0x1302: "TLS_AES_256_GCM_SHA384",
        0x1303: "TLS_CHACHA20_POLY1305_SHA256",
        0xC02B: "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256",
        0xC02C: "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384",
        0xC02F: "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
        0xC030: "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
        0xCCA8: "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256",
        0xCCA9: "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256",
        0xC009: "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA",
        0xC00A: "TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA",
        0xC013: "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA",
        0xC014: "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA",
        0x009C: "TLS_RSA_WITH_AES_128_GCM_SHA256",
        0x009D: "TLS_RSA_WITH_AES_256_GCM_SHA384",
        0x002F: "TLS_RSA_WITH_AES_128_CBC_SHA",
        0x0035: "TLS_RSA_WITH_AES_256_CBC_SHA",
    ]

    /// The suite's name, or its code (`0x1304`) when it has none here.
    static func name(of code: UInt16) -> String {
        if let name = names[code] { return name }
        let hex = String(code, radix: 16, uppercase: true)
        return "0x" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
    }
}
