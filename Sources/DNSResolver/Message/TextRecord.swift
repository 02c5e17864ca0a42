/// The data of a TXT record: one or more character-strings of up to 255 octets each
/// (RFC 1035 §3.3.14), kept separate as the server sent them.
public struct TextRecord: Sendable, Hashable {
    /// The character-strings in order, as raw octets.
    public var strings: [[UInt8]]

    public init(strings: [[UInt8]]) {
        self.strings = strings
    }

    /// Creates a record from text strings (each encoded as UTF-8).
    public init(_ strings: [String]) {
        self.strings = strings.map { Array($0.utf8) }
    }

    /// The strings joined with nothing between them, as SPF (RFC 7208 §3.3) and DKIM
    /// (RFC 6376 §3.6.2.2) read a record; invalid UTF-8 becomes U+FFFD.
    public var joinedText: String {
        String(decoding: strings.joined(), as: UTF8.self)
    }

    /// Each string decoded as UTF-8 (invalid sequences become U+FFFD).
    public var texts: [String] {
        strings.map { String(decoding: $0, as: UTF8.self) }
    }
}
