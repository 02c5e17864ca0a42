/// Identifiers this server makes: the `id` of a `Received:` header (also the queue ID in the
/// 250 reply) and the Message-ID it adds on submission (RFC 6409 §8.3).
public enum MessageIdentifier {
    private static let alphabet = Array("0123456789BCDFGHJKLMNPQRSTVWXZ".utf8)

    /// A new random identifier of 16 characters.
    public static func make<Generator: RandomNumberGenerator>(using generator: inout Generator) -> String {
        String(decoding: (0 ..< 16).map { _ in alphabet[Int(generator.next() % UInt64(alphabet.count))] }, as: UTF8.self)
    }

    /// A new random identifier from the system's generator.
    public static func make() -> String {
        var generator = SystemRandomNumberGenerator()
        return make(using: &generator)
    }
}
