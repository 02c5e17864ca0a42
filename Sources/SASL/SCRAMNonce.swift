/// A SCRAM nonce: a non-empty run of printable ASCII characters other than `,`
/// (RFC 5802 §7, `printable`).
public struct SCRAMNonce: Sendable, Equatable, CustomStringConvertible {
    /// The nonce text.
    public let text: String

    /// Wraps `text` if it is a valid nonce.
    public init?(_ text: String) {
        guard !text.isEmpty, text.utf8.allSatisfy(SCRAMSyntax.isPrintable) else { return nil }
        self.text = text
    }

    /// A nonce of `byteCount` random bytes in base64 (base64 never contains `,`).
    public static func random<Generator: RandomNumberGenerator>(
        byteCount: Int = 18, using generator: inout Generator
    ) -> SCRAMNonce {
        let bytes = (0..<max(1, byteCount)).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        return SCRAMNonce(validatedText: encodeBase64(bytes))
    }

    private init(validatedText: String) {
        self.text = validatedText
    }

    public var description: String { text }
}
