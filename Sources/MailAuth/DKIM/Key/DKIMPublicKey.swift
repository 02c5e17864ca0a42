import Crypto
import _CryptoExtras

/// A public key from a key record's `p=`, ready to check signatures.
enum DKIMPublicKey {
    case rsa(_RSA.Signing.PublicKey)
    case ed25519(Curve25519.Signing.PublicKey)

    /// The largest RSA key a verifier works with; verifying costs grow with the size.
    static let maximumRSAKeyBits = 8192

    /// Decodes `p=` of `record`, refusing RSA keys outside the accepted sizes.
    init(record: DKIMKeyRecord, minimumRSAKeyBits: Int) throws(DKIMFailureReason) {
        switch record.keyType {
        case .rsa:
            let key: _RSA.Signing.PublicKey
            do {
                // Accepts SubjectPublicKeyInfo and bare RSAPublicKey DER (RFC 6376 §3.6.1).
                key = try _RSA.Signing.PublicKey(unsafeDERRepresentation: record.publicKeyData)
            } catch CryptoKitError.incorrectParameterSize {
                throw .keyTooShort(bits: nil, minimum: minimumRSAKeyBits)
            } catch {
                throw .invalidPublicKey
            }
            guard key.keySizeInBits >= minimumRSAKeyBits else {
                throw .keyTooShort(bits: key.keySizeInBits, minimum: minimumRSAKeyBits)
            }
            guard key.keySizeInBits <= Self.maximumRSAKeyBits else {
                throw .keyTooLong(bits: key.keySizeInBits, maximum: Self.maximumRSAKeyBits)
            }
            self = .rsa(key)
        case .ed25519:
            // RFC 8463 §4.2: p= is the raw 32-octet public key.
            guard record.publicKeyData.count == 32,
                  let key = try? Curve25519.Signing.PublicKey(rawRepresentation: record.publicKeyData) else {
                throw .invalidPublicKey
            }
            self = .ed25519(key)
        }
    }

    /// Whether `signature` signs `headerData` (the canonical signed header fields) with
    /// `hashAlgorithm`: RSASSA-PKCS1-v1_5 over the hash (RFC 6376 §3.3), or Ed25519 over the
    /// SHA-256 hash (RFC 8463 §3).
    func isValidSignature(_ signature: [UInt8], headerData: [UInt8], hashAlgorithm: DKIMHashAlgorithm) -> Bool {
        switch self {
        case .rsa(let key):
            let rsaSignature = _RSA.Signing.RSASignature(rawRepresentation: signature)
            switch hashAlgorithm {
            case .sha1:
                return key.isValidSignature(rsaSignature, for: Insecure.SHA1.hash(data: headerData), padding: .insecurePKCS1v1_5)
            case .sha256:
                return key.isValidSignature(rsaSignature, for: SHA256.hash(data: headerData), padding: .insecurePKCS1v1_5)
            }
        case .ed25519(let key):
            return key.isValidSignature(signature, for: DKIMHashFunction.digest(.sha256, of: headerData))
        }
    }
}
