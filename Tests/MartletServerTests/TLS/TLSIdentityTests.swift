import Crypto
import Foundation
import SwiftASN1
import TestSupport
import Testing
import X509
import _CryptoExtras
@testable import MartletServer

@Suite("Loading certificates and keys")
struct TLSIdentityTests {
    /// A self-signed certificate for `key`, as PEM text.
    func certificatePEM(for key: Certificate.PrivateKey, algorithm: Certificate.SignatureAlgorithm) throws -> String {
        let name = try DistinguishedName { CommonName("key-type.example.test") }
        let certificate = try Certificate(
            version: .v3, serialNumber: Certificate.SerialNumber(), publicKey: key.publicKey,
            notValidBefore: Date() - 60, notValidAfter: Date() + 86_400, issuer: name, subject: name,
            signatureAlgorithm: algorithm,
            extensions: try Certificate.Extensions { SubjectAlternativeNames([.dnsName("key-type.example.test")]) },
            issuerPrivateKey: key)
        return try certificate.serializeAsPEM().pemString
    }

    @Test("P-256, P-384 and Ed25519 keys load and make a server context", arguments: ["P-256", "P-384", "Ed25519"])
    func keyTypes(type: String) throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let key: Certificate.PrivateKey
        let algorithm: Certificate.SignatureAlgorithm
        switch type {
        case "P-256": (key, algorithm) = (Certificate.PrivateKey(P256.Signing.PrivateKey()), .ecdsaWithSHA256)
        case "P-384": (key, algorithm) = (Certificate.PrivateKey(P384.Signing.PrivateKey()), .ecdsaWithSHA384)
        default: (key, algorithm) = (Certificate.PrivateKey(Curve25519.Signing.PrivateKey()), .ed25519)
        }
        let certificateFile = try directory.write(try certificatePEM(for: key, algorithm: algorithm), to: "cert.pem")
        let keyFile = try directory.write(try key.serializeAsPEM().pemString, to: "key.pem")
        let identity = try TLSIdentity.load(certificateFile: certificateFile, keyFile: keyFile)
        #expect(identity.privateKey.publicKey == key.publicKey)
        _ = try identity.makeServerContext()
    }

    @Test("an RSA key in PKCS#1 form and a chain with an intermediate load in order")
    func rsaChain() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let server = try SelfSignedCertificate.generate(hostname: "mail.example.test")
        let other = Certificate.PrivateKey(P256.Signing.PrivateKey())
        let chainText = try server.certificateChainPEM() + "\n" + certificatePEM(for: other, algorithm: .ecdsaWithSHA256)
        let certificateFile = try directory.write(chainText, to: "fullchain.pem")
        let keyPEM = try server.privateKeyPEM()
        #expect(keyPEM.hasPrefix("-----BEGIN RSA PRIVATE KEY-----"))
        let keyFile = try directory.write(keyPEM, to: "privkey.pem")
        let identity = try TLSIdentity.load(certificateFile: certificateFile, keyFile: keyFile)
        #expect(identity.certificateChain.count == 2)
        #expect(identity.leaf == server.leaf)
    }

    @Test("load errors name the file and the problem")
    func loadErrors() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let first = try SelfSignedCertificate.generate(hostname: "one.example.test")
        let second = Certificate.PrivateKey(P256.Signing.PrivateKey())
        let certificateFile = try directory.write(try first.certificateChainPEM(), to: "cert.pem")
        let keyFile = try directory.write(try first.privateKeyPEM(), to: "key.pem")
        let otherKeyFile = try directory.write(try second.serializeAsPEM().pemString, to: "other-key.pem")
        let textFile = try directory.write("hello, not a certificate\n", to: "text.pem")
        let encryptedKeyFile = try directory.write(
            "-----BEGIN ENCRYPTED PRIVATE KEY-----\nAAAA\n-----END ENCRYPTED PRIVATE KEY-----\n", to: "encrypted.pem")
        let missing = directory.appending("missing.pem")

        #expect(throws: TLSSetupError.fileMissing(path: missing)) {
            try TLSIdentity.load(certificateFile: missing, keyFile: keyFile)
        }
        #expect(throws: TLSSetupError.notPEM(path: textFile)) {
            try TLSIdentity.load(certificateFile: textFile, keyFile: keyFile)
        }
        #expect(throws: TLSSetupError.invalidCertificate(path: keyFile, reason: "no \"CERTIFICATE\" block")) {
            try TLSIdentity.load(certificateFile: keyFile, keyFile: keyFile)
        }
        #expect(throws: TLSSetupError.invalidPrivateKey(
            path: certificateFile, reason: "no PRIVATE KEY, RSA PRIVATE KEY or EC PRIVATE KEY block")) {
            try TLSIdentity.load(certificateFile: certificateFile, keyFile: certificateFile)
        }
        #expect(throws: TLSSetupError.invalidPrivateKey(
            path: encryptedKeyFile, reason: "the key is encrypted; store it unencrypted with mode 0600")) {
            try TLSIdentity.load(certificateFile: certificateFile, keyFile: encryptedKeyFile)
        }
        let mismatch = TLSSetupError.keyDoesNotMatchCertificate(certificatePath: certificateFile, keyPath: otherKeyFile)
        #expect(throws: mismatch) {
            try TLSIdentity.load(certificateFile: certificateFile, keyFile: otherKeyFile)
        }
        #expect(mismatch.description == "\(otherKeyFile): the private key does not match the certificate in \(certificateFile)")
    }
}
