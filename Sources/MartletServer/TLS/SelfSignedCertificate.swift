import Crypto
import Foundation
import SwiftASN1
import X509
import _CryptoExtras

/// The certificate `martlet dev` and an unconfigured `martlet serve` use: generated in
/// process, kept in `<data>/tls/`, reused while it has more than ``renewalMargin`` left.
///
/// The key is RSA-2048: every TLS client accepts RSA server certificates, including old
/// mail clients, embedded devices and MTAs whose TLS stacks predate ECDSA support, which
/// matters most for a certificate nobody configured. The cost is a slower handshake than
/// ECDSA P-256 and a key generation of up to half a second, once a year.
public enum SelfSignedCertificate {
    /// How long a generated certificate is valid.
    public static let validity: TimeInterval = 365 * 86_400
    /// A certificate with less than this left is replaced at start-up.
    public static let renewalMargin: TimeInterval = 30 * 86_400

    /// What ``loadOrCreate(dataDirectory:hostname:now:)`` did.
    public enum Outcome: Sendable, Equatable {
        /// The stored certificate was still good.
        case reused
        /// A new certificate was generated, for this reason.
        case created(reason: String)
    }

    /// `<data>/tls/selfsigned-cert.pem`.
    public static func certificatePath(dataDirectory: String) -> String {
        directory(dataDirectory) + "/selfsigned-cert.pem"
    }

    /// `<data>/tls/selfsigned-key.pem` (mode 0600).
    public static func keyPath(dataDirectory: String) -> String {
        directory(dataDirectory) + "/selfsigned-key.pem"
    }

    private static func directory(_ dataDirectory: String) -> String {
        dataDirectory + "/tls"
    }

    /// The stored self-signed identity if it is valid for more than ``renewalMargin`` after
    /// `now` and names `hostname`; otherwise a new one, written atomically (key first, mode
    /// 0600) before it is returned.
    public static func loadOrCreate(
        dataDirectory: String, hostname: String, now: Date = Date()
    ) throws(TLSSetupError) -> (identity: TLSIdentity, outcome: Outcome) {
        let certificatePath = certificatePath(dataDirectory: dataDirectory)
        let keyPath = keyPath(dataDirectory: dataDirectory)
        let reason: String
        do {
            let stored = try TLSIdentity.load(certificateFile: certificatePath, keyFile: keyPath)
            if let problem = unsuitability(of: stored.leaf, hostname: hostname, now: now) {
                reason = problem
            } else {
                return (stored, .reused)
            }
        } catch TLSSetupError.fileMissing {
            reason = "none stored yet"
        } catch {
            reason = "the stored one is unusable (\(error))"
        }
        let identity = try generate(hostname: hostname, now: now)
        try AtomicFileWriter.createDirectory(directory(dataDirectory), mode: 0o700)
        try AtomicFileWriter.write(Array(try identity.privateKeyPEM().utf8), to: keyPath, mode: 0o600)
        try AtomicFileWriter.write(Array(try identity.certificateChainPEM().utf8), to: certificatePath, mode: 0o644)
        return (identity, .created(reason: reason))
    }

    /// Why `certificate` should be replaced, or `nil` if it is fine.
    static func unsuitability(of certificate: Certificate, hostname: String, now: Date) -> String? {
        if certificate.notValidBefore > now { return "the stored one is not valid yet" }
        if certificate.notValidAfter.timeIntervalSince(now) <= renewalMargin {
            return "the stored one expires within \(Int(renewalMargin / 86_400)) days"
        }
        let names = try? certificate.extensions.subjectAlternativeNames
        let coversHostname = names?.contains { name in
            if case .dnsName(let dnsName) = name { return dnsName.lowercased() == hostname.lowercased() }
            return false
        } ?? false
        return coversHostname ? nil : "the stored one does not name \(hostname)"
    }

    /// A new self-signed identity for `hostname`, also valid for `localhost`, 127.0.0.1 and ::1.
    public static func generate(hostname: String, now: Date = Date()) throws(TLSSetupError) -> TLSIdentity {
        do {
            let privateKey = Certificate.PrivateKey(try _RSA.Signing.PrivateKey(keySize: .bits2048))
            let name = try DistinguishedName {
                CommonName(hostname)
                OrganizationName("Martlet self-signed")
            }
            var dnsNames = [hostname]
            if hostname.lowercased() != "localhost" { dnsNames.append("localhost") }
            var alternativeNames = dnsNames.map { GeneralName.dnsName($0) }
            alternativeNames.append(.ipAddress(ASN1OctetString(contentBytes: [127, 0, 0, 1])))
            alternativeNames.append(.ipAddress(ASN1OctetString(contentBytes: [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1])))
            let certificate = try Certificate(
                version: .v3,
                serialNumber: Certificate.SerialNumber(),
                publicKey: privateKey.publicKey,
                notValidBefore: now - 3600,
                notValidAfter: now + validity,
                issuer: name,
                subject: name,
                signatureAlgorithm: .sha256WithRSAEncryption,
                // No KeyUsage extension: with one, RFC 5280 §4.2.1.3 would require keyCertSign
                // (and so cA=TRUE) for OpenSSL and BoringSSL to accept the certificate as its
                // own issuer when a client trusts it directly; without it, a leaf that is not
                // a CA verifies as a trust anchor and cannot sign other certificates.
                extensions: try Certificate.Extensions {
                    Critical(BasicConstraints.notCertificateAuthority)
                    try ExtendedKeyUsage([.serverAuth])
                    SubjectKeyIdentifier(hash: privateKey.publicKey)
                    SubjectAlternativeNames(alternativeNames)
                },
                issuerPrivateKey: privateKey)
            return try TLSIdentity(certificateChain: [certificate], privateKey: privateKey)
        } catch let error as TLSSetupError {
            throw error
        } catch {
            throw .generationFailed(reason: String(describing: error))
        }
    }
}
