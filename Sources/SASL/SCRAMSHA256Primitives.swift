import Crypto
// PBKDF2 lives in swift-crypto's CryptoExtras module (product `_CryptoExtras`), so the SASL
// target needs that product as well as `Crypto`.
import _CryptoExtras

/// The SCRAM-SHA-256 key schedule (RFC 5802 §3 with SHA-256 per RFC 7677).
enum SCRAMSHA256Primitives {
    /// Length in bytes of every SHA-256 output used by SCRAM.
    static let keyLength = 32

    /// `SaltedPassword := Hi(Normalize(password), salt, i)`; `Hi` is PBKDF2-HMAC-SHA-256.
    static func saltedPassword(
        preparedPassword: String, salt: [UInt8], iterations: Int
    ) throws(SASLError) -> [UInt8] {
        do {
            let key = try KDF.Insecure.PBKDF2.deriveKey(
                from: Array(preparedPassword.utf8), salt: salt, using: .sha256,
                outputByteCount: keyLength, unsafeUncheckedRounds: iterations)
            return key.withUnsafeBytes { Array($0) }
        } catch {
            throw .keyDerivationFailed
        }
    }

    /// `HMAC(key, message)` with SHA-256.
    static func hmac(key: [UInt8], message: [UInt8]) -> [UInt8] {
        Array(HMAC<SHA256>.authenticationCode(for: message, using: SymmetricKey(data: key)))
    }

    /// `H(bytes)`: SHA-256.
    static func hash(_ bytes: [UInt8]) -> [UInt8] {
        Array(SHA256.hash(data: bytes))
    }

    /// `ClientKey := HMAC(SaltedPassword, "Client Key")`.
    static func clientKey(saltedPassword: [UInt8]) -> [UInt8] {
        hmac(key: saltedPassword, message: Array("Client Key".utf8))
    }

    /// `ServerKey := HMAC(SaltedPassword, "Server Key")`.
    static func serverKey(saltedPassword: [UInt8]) -> [UInt8] {
        hmac(key: saltedPassword, message: Array("Server Key".utf8))
    }

    /// Byte-wise exclusive or of two equally long arrays.
    static func exclusiveOr(_ left: [UInt8], _ right: [UInt8]) -> [UInt8] {
        zip(left, right).map { $0 ^ $1 }
    }
}

/// Compares two byte strings in time that depends only on their lengths, not their contents.
func constantTimeEqual(_ left: [UInt8], _ right: [UInt8]) -> Bool {
    guard left.count == right.count else { return false }
    var difference: UInt8 = 0
    for index in left.indices {
        difference |= left[index] ^ right[index]
    }
    return difference == 0
}
