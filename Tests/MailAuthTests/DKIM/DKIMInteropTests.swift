import DNSResolver
import Foundation
import Testing
@testable import MailAuth

/// Martlet against dkimpy: messages Martlet signs verify in dkimpy (which looks the keys up
/// through dnspython in a dnsmasq the test starts), and messages dkimpy signs verify in
/// Martlet (through the same dnsmasq). Skipped only when dkimpy or dnsmasq is missing;
/// `.ci/run` installs both.
@Suite(.serialized, .enabled(if: DKIMInteropPeer.isAvailable, "needs python3 with dkimpy, dnspython, pynacl and dnsmasq"))
struct DKIMInteropTests {
    typealias Fixtures = DKIMTestFixtures

    static let message = Fixtures.crlf("""
        From: Alice <alice@example.test>
        To: Bob <bob@example.net>
        Subject: Interop
        Date: Mon, 1 Jan 2024 12:00:00 +0000
        Message-ID: <interop@example.test>
        MIME-Version: 1.0
        Content-Type: text/plain; charset=us-ascii

        Hello   Bob,\t

        this travels between two DKIM implementations.


        """)

    private static func records(_ key: DKIMSigningKey, selector: String) -> [String: [String]] {
        ["\(selector)._domainkey.example.test": key.dnsRecordStrings]
    }

    @Test func martletSignaturesVerifyInDkimpy() async throws {
        let peer = try DKIMInteropPeer()
        defer { peer.directory.remove() }
        let rsaSigned = try Fixtures.signed(Self.message, key: Fixtures.rsaKey, domain: "example.test", selector: "rsa", at: Date())
        let bothSigned = try Fixtures.signed(rsaSigned, key: Fixtures.ed25519Key, domain: "example.test", selector: "ed", at: Date())
        let records = Self.records(Fixtures.rsaKey, selector: "rsa").merging(Self.records(Fixtures.ed25519Key, selector: "ed")) { $1 }
        try await DKIMTestDNSServer.run(records: records) { server in
            let signedFile = try peer.write(bothSigned, named: "signed.eml")
            #expect(try await peer.run(["verify", signedFile, "\(server.port)"]) == ["pass", "pass"])

            let tamperedBody = try peer.write(bothSigned + Array("Appended.\r\n".utf8), named: "body.eml")
            #expect(try await peer.run(["verify", tamperedBody, "\(server.port)"]) == ["fail", "fail"])

            let tamperedHeader = Array(String(decoding: bothSigned, as: UTF8.self)
                .replacingOccurrences(of: "Subject: Interop", with: "Subject: Changed").utf8)
            let headerFile = try peer.write(tamperedHeader, named: "header.eml")
            #expect(try await peer.run(["verify", headerFile, "\(server.port)"]) == ["fail", "fail"])
        }
    }

    @Test(arguments: ["rsa", "ed25519"])
    func dkimpySignaturesVerifyInMartlet(kind: String) async throws {
        let peer = try DKIMInteropPeer()
        defer { peer.directory.remove() }
        _ = try await peer.run(["keygen", kind, peer.directory.appending("\(kind).key"), peer.directory.appending("\(kind).dns")])
        let recordText = String(decoding: try peer.read("\(kind).dns"), as: UTF8.self)
        let recordStrings = stride(from: 0, to: recordText.count, by: 255).map {
            String(recordText.dropFirst($0).prefix(255))
        }
        let unsignedFile = try peer.write(Self.message, named: "unsigned.eml")
        _ = try await peer.run(["sign", unsignedFile, kind, peer.directory.appending("\(kind).key"), "py", "example.test",
                                peer.directory.appending("signed.eml")])
        let signed = try peer.read("signed.eml")

        try await DKIMTestDNSServer.run(records: ["py._domainkey.example.test": recordStrings]) { server in
            let verifier = DKIMVerifier(resolver: server.resolver)
            let results = await verifier.verify(message: signed)
            #expect(results.map(\.result) == [.pass], "\(results.map { $0.failure?.description ?? "pass" })")
            #expect(results.first?.algorithm == (kind == "rsa" ? "rsa-sha256" : "ed25519-sha256"))

            let tamperedBody = await verifier.verify(message: signed + Array("Appended.\r\n".utf8))
            #expect(tamperedBody.map(\.failure) == [.bodyHashMismatch])

            let tamperedHeader = Array(String(decoding: signed, as: UTF8.self)
                .replacingOccurrences(of: "Subject: Interop", with: "Subject: Changed").utf8)
            #expect(await verifier.verify(message: tamperedHeader).map(\.failure) == [.signatureMismatch])
        }
    }

    @Test func martletARCSetsVerifyInDkimpy() async throws {
        let peer = try DKIMInteropPeer()
        defer { peer.directory.remove() }
        // RFC 8617 §4.1.3 defines ARC with rsa-sha256 only, and dkimpy accepts nothing else there.
        let first = ARCSealer(domain: "example.test", selector: "rsa", key: Fixtures.rsaKey)
        let second = ARCSealer(domain: "example.test", selector: "rsa", key: Fixtures.rsaKey)
        let once = Array(try first.sealFields(for: Self.message, authenticationResults: "mx.example.test; spf=pass",
                                              chainValidation: .none, at: Date()).utf8) + Self.message
        let twice = Array(try second.sealFields(for: once, authenticationResults: "relay.example.test; arc=pass",
                                                chainValidation: .pass, at: Date()).utf8) + once
        try await DKIMTestDNSServer.run(records: Self.records(Fixtures.rsaKey, selector: "rsa")) { server in
            let file = try peer.write(twice, named: "arc.eml")
            let output = try await peer.run(["arc-verify", file, "\(server.port)"])
            #expect(output.first == "pass", "\(output)")
            let evaluation = await ARCVerifier(resolver: server.resolver).verify(message: twice)
            #expect(evaluation.result == .pass)
        }
    }
}
