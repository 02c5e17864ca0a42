import Foundation
import SwiftASN1
import TestSupport
import Testing
import X509
@testable import MartletServer

@Suite("Self-signed certificate")
struct SelfSignedCertificateTests {
    @Test("generated once, stored with a 0600 key, reused while valid")
    func createThenReuse() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let now = Date()
        let first = try SelfSignedCertificate.loadOrCreate(dataDirectory: directory.path, hostname: "mail.example.test", now: now)
        #expect(first.outcome == .created(reason: "none stored yet"))
        let keyPath = SelfSignedCertificate.keyPath(dataDirectory: directory.path)
        let attributes = try FileManager.default.attributesOfItem(atPath: keyPath)
        #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)
        #expect(keyPath == directory.path + "/tls/selfsigned-key.pem")
        #expect(FileManager.default.fileExists(atPath: directory.path + "/tls/selfsigned-cert.pem"))
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: directory.path + "/tls")
        #expect(leftovers.sorted() == ["selfsigned-cert.pem", "selfsigned-key.pem"])

        let second = try SelfSignedCertificate.loadOrCreate(
            dataDirectory: directory.path, hostname: "mail.example.test", now: now + 86_400)
        #expect(second.outcome == .reused)
        #expect(second.identity.leaf == first.identity.leaf)
    }

    @Test("names the host name, localhost, 127.0.0.1 and ::1; RSA-2048, not a CA, for servers")
    func contents() throws {
        let identity = try SelfSignedCertificate.generate(hostname: "mail.example.test")
        let leaf = identity.leaf
        let names = try #require(try leaf.extensions.subjectAlternativeNames)
        #expect(names.contains(.dnsName("mail.example.test")))
        #expect(names.contains(.dnsName("localhost")))
        #expect(names.contains(.ipAddress(.init(contentBytes: [127, 0, 0, 1]))))
        #expect(names.contains(.ipAddress(.init(contentBytes: [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1]))))
        #expect(try leaf.extensions.basicConstraints == .notCertificateAuthority)
        #expect(try leaf.extensions.extendedKeyUsage?.contains(.serverAuth) == true)
        #expect(leaf.signatureAlgorithm == .sha256WithRSAEncryption)
        #expect(leaf.issuer == leaf.subject)
        #expect(leaf.notValidAfter.timeIntervalSince(leaf.notValidBefore) > 360 * 86_400)
    }

    @Test("replaced when it expires within 30 days, names another host, or is corrupt")
    func regeneration() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let start = Date()
        let original = try SelfSignedCertificate.loadOrCreate(dataDirectory: directory.path, hostname: "localhost", now: start)

        let nearExpiry = try SelfSignedCertificate.loadOrCreate(
            dataDirectory: directory.path, hostname: "localhost", now: start + 340 * 86_400)
        #expect(nearExpiry.outcome == .created(reason: "the stored one expires within 30 days"))
        #expect(nearExpiry.identity.leaf != original.identity.leaf)

        let renamed = try SelfSignedCertificate.loadOrCreate(
            dataDirectory: directory.path, hostname: "mail.example.test", now: start + 340 * 86_400)
        #expect(renamed.outcome == .created(reason: "the stored one does not name mail.example.test"))

        _ = try directory.write("garbage", to: "tls/selfsigned-cert.pem")
        let repaired = try SelfSignedCertificate.loadOrCreate(
            dataDirectory: directory.path, hostname: "mail.example.test", now: start + 340 * 86_400)
        guard case .created(let reason) = repaired.outcome else {
            Issue.record("a corrupt certificate was reused")
            return
        }
        #expect(reason.hasPrefix("the stored one is unusable"))
        let reloaded = try TLSIdentity.load(
            certificateFile: SelfSignedCertificate.certificatePath(dataDirectory: directory.path),
            keyFile: SelfSignedCertificate.keyPath(dataDirectory: directory.path))
        #expect(reloaded.leaf == repaired.identity.leaf)
    }

    @Test("an unwritable data directory is a clear error")
    func unwritable() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let blocker = try directory.write("not a directory", to: "data")
        #expect(throws: TLSSetupError.self) {
            try SelfSignedCertificate.loadOrCreate(dataDirectory: blocker, hostname: "localhost")
        }
    }
}
