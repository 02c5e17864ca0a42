import Crypto

/// The APOP digest (RFC 1939 §7): MD5 of the greeting's timestamp followed by the shared
/// secret, as 32 lower-case hexadecimal digits.
enum APOPDigest {
    /// The digest of `timestamp` and `secret`.
    static func digest(timestamp: String, secret: String) -> String {
        let hash = Insecure.MD5.hash(data: Array((timestamp + secret).utf8))
        return hash.map { byte in
            let hex = String(byte, radix: 16)
            return byte < 16 ? "0" + hex : hex
        }.joined()
    }

    /// Whether `candidate` (lower-case hexadecimal) is the digest of `timestamp` and `secret`,
    /// compared in time independent of where they differ.
    static func matches(_ candidate: String, timestamp: String, secret: String) -> Bool {
        let expected = Array(digest(timestamp: timestamp, secret: secret).utf8)
        let given = Array(candidate.utf8)
        guard expected.count == given.count else { return false }
        var difference: UInt8 = 0
        for (left, right) in zip(expected, given) { difference |= left ^ right }
        return difference == 0
    }
}
