/// Identifiers this server makes: the `id` of a `Received:` header (also the queue ID in the
/// 250 reply) and the Message-ID it adds on submission (RFC 6409 §8.3).
public enum MessageIdentifier {
    private static let alphabet = Array("0123456789BCDFGHJKLMNPQRSTVWXZ".utf8)

    /// A new random identifier of 16 characters (about 78 bits), from two draws of the
    /// generator: eight characters from each (30^8 is far below 2^64, so each is uniform to
    /// within 2^-24). The system generator costs a system call per draw.
    public static func make<Generator: RandomNumberGenerator>(using generator: inout Generator) -> String {
        var characters: [UInt8] = []
        characters.reserveCapacity(16)
        for _ in 0 ..< 2 {
            var value: UInt64 = generator.next()
            for _ in 0 ..< 8 {
                characters.append(alphabet[Int(value % UInt64(alphabet.count))])
                value /= UInt64(alphabet.count)
            }
        }
        return String(decoding: characters, as: UTF8.self)
    }

    /// A new random identifier from the system's generator.
    public static func make() -> String {
        var generator = SystemRandomNumberGenerator()
        return make(using: &generator)
    }
}
