import Crypto

/// The SHA-256 of a message's octets: the name of its content in the store.
struct BlobDigest: Hashable, Sendable, CustomStringConvertible {
    /// The 32 octets of the hash.
    let bytes: [UInt8]

    init?(bytes: [UInt8]) {
        guard bytes.count == 32 else { return nil }
        self.bytes = bytes
    }

    /// Parses 64 lower-case hex digits.
    init?(hex: String) {
        let digits = Array(hex.utf8)
        guard digits.count == 64 else { return nil }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(32)
        var index = 0
        while index < 64 {
            guard let high = Self.hexValue(digits[index]), let low = Self.hexValue(digits[index + 1]) else { return nil }
            bytes.append(high << 4 | low)
            index += 2
        }
        self.bytes = bytes
    }

    /// The digest of `content`.
    static func of(_ content: [UInt8]) -> BlobDigest {
        BlobDigest(uncheckedBytes: Array(SHA256.hash(data: content)))
    }

    private init(uncheckedBytes: [UInt8]) { self.bytes = uncheckedBytes }

    /// 64 lower-case hex digits.
    var hex: String { Self.hex(bytes) }

    /// Two lower-case hex digits per octet.
    static func hex(_ octets: some Collection<UInt8>) -> String {
        let alphabet = Array("0123456789abcdef".utf8)
        var digits: [UInt8] = []
        digits.reserveCapacity(octets.count * 2)
        for byte in octets {
            digits.append(alphabet[Int(byte >> 4)])
            digits.append(alphabet[Int(byte & 0x0F)])
        }
        return String(decoding: digits, as: UTF8.self)
    }

    var description: String { hex }

    /// The first eight octets: a SHA-256 is already uniformly spread, so hashing all 32
    /// octets one by one (the synthesized conformance) only costs time.
    func hash(into hasher: inout Hasher) {
        var prefix: UInt64 = 0
        for byte in bytes.prefix(8) { prefix = prefix << 8 | UInt64(byte) }
        hasher.combine(prefix)
    }

    static func == (lhs: BlobDigest, rhs: BlobDigest) -> Bool { lhs.bytes == rhs.bytes }

    private static func hexValue(_ digit: UInt8) -> UInt8? {
        switch digit {
        case UInt8(ascii: "0") ... UInt8(ascii: "9"): digit - UInt8(ascii: "0")
        case UInt8(ascii: "a") ... UInt8(ascii: "f"): digit - UInt8(ascii: "a") + 10
        default: nil
        }
    }
}
