import Foundation
import NIOSSL
import SwiftASN1
import X509

/// A certificate chain and the private key of its first certificate: what a TLS server
/// presents. Keys may be RSA (2048 bits or more), ECDSA P-256/P-384/P-521 or Ed25519.
public struct TLSIdentity: Sendable {
    /// The server certificate first, then any intermediates.
    public let certificateChain: [Certificate]
    /// The private key of `certificateChain[0]`.
    public let privateKey: Certificate.PrivateKey

    /// Pairs a chain with its key; throws unless the key belongs to the first certificate.
    /// The paths only name the material in errors.
    public init(
        certificateChain: [Certificate], privateKey: Certificate.PrivateKey,
        certificatePath: String = "certificate", keyPath: String = "key"
    ) throws(TLSSetupError) {
        guard let leaf = certificateChain.first else {
            throw .invalidCertificate(path: certificatePath, reason: "the chain is empty")
        }
        guard leaf.publicKey == privateKey.publicKey else {
            throw .keyDoesNotMatchCertificate(certificatePath: certificatePath, keyPath: keyPath)
        }
        self.certificateChain = certificateChain
        self.privateKey = privateKey
    }

    /// The server's own certificate.
    public var leaf: Certificate { certificateChain[0] }

    /// Loads a PEM certificate chain (server certificate first, as in `fullchain.pem`) and
    /// a PEM private key (PKCS#8, PKCS#1 RSA or SEC1 EC), checking that they belong together.
    public static func load(certificateFile: String, keyFile: String) throws(TLSSetupError) -> TLSIdentity {
        let certificateDocuments = try PEMFile.documents(at: certificateFile)
        var chain: [Certificate] = []
        for document in certificateDocuments where document.discriminator == "CERTIFICATE" {
            do {
                chain.append(try Certificate(derEncoded: document.derBytes))
            } catch {
                throw .invalidCertificate(path: certificateFile, reason: String(describing: error))
            }
        }
        guard !chain.isEmpty else {
            throw .invalidCertificate(path: certificateFile, reason: "no \"CERTIFICATE\" block")
        }
        let keyDocuments = try PEMFile.documents(at: keyFile)
        let keyTypes = ["PRIVATE KEY", "RSA PRIVATE KEY", "EC PRIVATE KEY"]
        guard let keyDocument = keyDocuments.first(where: { keyTypes.contains($0.discriminator) }) else {
            let reason = keyDocuments.contains { $0.discriminator == "ENCRYPTED PRIVATE KEY" }
                ? "the key is encrypted; store it unencrypted with mode 0600"
                : "no PRIVATE KEY, RSA PRIVATE KEY or EC PRIVATE KEY block"
            throw .invalidPrivateKey(path: keyFile, reason: reason)
        }
        let privateKey: Certificate.PrivateKey
        do {
            privateKey = try Certificate.PrivateKey(pemDocument: keyDocument)
        } catch {
            throw .invalidPrivateKey(path: keyFile, reason: String(describing: error))
        }
        return try TLSIdentity(
            certificateChain: chain, privateKey: privateKey, certificatePath: certificateFile, keyPath: keyFile)
    }

    /// The chain as PEM text, server certificate first.
    public func certificateChainPEM() throws(TLSSetupError) -> String {
        do {
            return try certificateChain.map { try $0.serializeAsPEM().pemString }.joined(separator: "\n") + "\n"
        } catch {
            throw .generationFailed(reason: "cannot encode the certificate: \(error)")
        }
    }

    /// The private key as PEM text.
    public func privateKeyPEM() throws(TLSSetupError) -> String {
        do {
            return try privateKey.serializeAsPEM().pemString + "\n"
        } catch {
            throw .generationFailed(reason: "cannot encode the private key: \(error)")
        }
    }

    /// The chain and key in NIOSSL's types.
    func nioMaterial() throws(TLSSetupError) -> (chain: [NIOSSLCertificate], key: NIOSSLPrivateKey) {
        do {
            let chain = try certificateChain.map { certificate in
                var serializer = DER.Serializer()
                try serializer.serialize(certificate)
                return try NIOSSLCertificate(bytes: serializer.serializedBytes, format: .der)
            }
            let key = try NIOSSLPrivateKey(bytes: Array(try privateKeyPEM().utf8), format: .pem)
            return (chain, key)
        } catch {
            throw .contextCreationFailed(reason: String(describing: error))
        }
    }

    /// A server context presenting this identity. TLS 1.2 is the default floor (RFC 8996
    /// retired 1.0 and 1.1); TLS 1.3 is negotiated when the client offers it.
    public func makeServerContext(minimumTLSVersion: TLSVersion = .tlsv12) throws(TLSSetupError) -> NIOSSLContext {
        let material = try nioMaterial()
        var configuration = TLSConfiguration.makeServerConfiguration(
            certificateChain: material.chain.map { .certificate($0) }, privateKey: .privateKey(material.key))
        configuration.minimumTLSVersion = minimumTLSVersion
        do {
            return try NIOSSLContext(configuration: configuration)
        } catch {
            throw .contextCreationFailed(reason: String(describing: error))
        }
    }
}

/// Reading PEM files with errors that name the file.
enum PEMFile {
    /// The largest PEM file read (a long chain is a few tens of kilobytes).
    static let maximumSize = 1_048_576

    /// Every PEM block in the file at `path`.
    static func documents(at path: String) throws(TLSSetupError) -> [PEMDocument] {
        guard FileManager.default.fileExists(atPath: path) else { throw .fileMissing(path: path) }
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw .fileUnreadable(path: path, reason: "permission denied")
        }
        defer { try? handle.close() }
        let data: Data
        do {
            data = try handle.read(upToCount: maximumSize + 1) ?? Data()
        } catch {
            throw .fileUnreadable(path: path, reason: String(describing: error))
        }
        guard data.count <= maximumSize else {
            throw .fileUnreadable(path: path, reason: "larger than \(maximumSize) bytes")
        }
        let text = String(decoding: data, as: UTF8.self)
        guard text.contains("-----BEGIN ") else { throw .notPEM(path: path) }
        do {
            return try PEMDocument.parseMultiple(pemString: text)
        } catch {
            throw .fileUnreadable(path: path, reason: "malformed PEM: \(error)")
        }
    }
}
