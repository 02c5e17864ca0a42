import Crypto
import Foundation
import MailCore
import _CryptoExtras

/// A private key that signs DKIM signatures: RSA (rsa-sha256) or Ed25519 (ed25519-sha256,
/// RFC 8463).
public enum DKIMSigningKey: Sendable {
    case rsa(_RSA.Signing.PrivateKey)
    case ed25519(Curve25519.Signing.PrivateKey)

    /// The kinds of key ``generate(_:)`` makes.
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        case rsa2048
        case ed25519
    }

    /// A new random key.
    public static func generate(_ kind: Kind) throws(DKIMSigningError) -> DKIMSigningKey {
        switch kind {
        case .rsa2048:
            do { return .rsa(try _RSA.Signing.PrivateKey(keySize: .bits2048)) } catch {
                throw .cryptographyFailed(String(describing: error))
            }
        case .ed25519:
            return .ed25519(Curve25519.Signing.PrivateKey())
        }
    }

    /// Reads a PEM private key: RSA as PKCS#1 ("RSA PRIVATE KEY") or PKCS#8 ("PRIVATE KEY"),
    /// Ed25519 as PKCS#8. RSA keys of 1024 bits and more are accepted.
    public init(pemRepresentation pem: String) throws(DKIMSigningError) {
        if pem.contains("BEGIN RSA PRIVATE KEY") {
            do { self = .rsa(try _RSA.Signing.PrivateKey(unsafePEMRepresentation: pem)) } catch {
                throw .unreadableKey(String(describing: error))
            }
            return
        }
        guard pem.contains("BEGIN PRIVATE KEY") else { throw .unreadableKey("no PRIVATE KEY block") }
        if let key = try? Curve25519.Signing.PrivateKey(pemRepresentation: pem) {
            self = .ed25519(key)
            return
        }
        do { self = .rsa(try _RSA.Signing.PrivateKey(unsafePEMRepresentation: pem)) } catch {
            throw .unreadableKey(String(describing: error))
        }
    }

    /// The key as PKCS#8 PEM ("BEGIN PRIVATE KEY"), which ``init(pemRepresentation:)`` reads.
    public var pemRepresentation: String {
        switch self {
        case .rsa(let key): key.pkcs8PEMRepresentation
        case .ed25519(let key): key.pemRepresentation
        }
    }

    /// The algorithm signatures made with this key use.
    public var algorithm: DKIMAlgorithm {
        switch self {
        case .rsa: .rsaSHA256
        case .ed25519: .ed25519SHA256
        }
    }

    /// The value of the TXT record to publish at `selector._domainkey.domain`:
    /// "v=DKIM1; k=rsa; p=…" (p= the SubjectPublicKeyInfo) or "v=DKIM1; k=ed25519; p=…"
    /// (p= the raw 32-octet key, RFC 8463 §4.2).
    public var dnsRecordText: String {
        switch self {
        case .rsa(let key): "v=DKIM1; k=rsa; p=" + Base64.encodedString(Array(key.publicKey.derRepresentation))
        case .ed25519(let key): "v=DKIM1; k=ed25519; p=" + Base64.encodedString(Array(key.publicKey.rawRepresentation))
        }
    }

    /// ``dnsRecordText`` cut into the character-strings of one TXT record (at most 255
    /// octets each, RFC 1035 §3.3.14); a verifier joins them again (RFC 6376 §3.6.2.2).
    public var dnsRecordStrings: [String] {
        let text = Array(dnsRecordText.utf8)
        return stride(from: 0, to: text.count, by: 255).map {
            String(decoding: text[$0..<min($0 + 255, text.count)], as: UTF8.self)
        }
    }

    /// Signs the canonical header data (RFC 6376 §3.7; RFC 8463 §3 signs its SHA-256 hash).
    func signature(forHeaderData headerData: [UInt8]) throws(DKIMSigningError) -> [UInt8] {
        do {
            switch self {
            case .rsa(let key):
                return Array(try key.signature(for: SHA256.hash(data: headerData), padding: .insecurePKCS1v1_5).rawRepresentation)
            case .ed25519(let key):
                return Array(try key.signature(for: DKIMHashFunction.digest(.sha256, of: headerData)))
            }
        } catch {
            throw .cryptographyFailed(String(describing: error))
        }
    }
}
