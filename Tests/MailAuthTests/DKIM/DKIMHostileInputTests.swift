import Foundation
import Testing
import TestSupport
@testable import MailAuth

@Suite struct DKIMHostileInputTests {
    typealias Fixtures = DKIMTestFixtures

    @Test func aHugeTagListIsRefused() async {
        let tags = (0..<5000).map { "t\($0)=x" }.joined(separator: "; ")
        let message = Array("DKIM-Signature: \(tags)\r\nFrom: a@example.org\r\n\r\nhi\r\n".utf8)
        let results = await Fixtures.verifier([:]).verify(message: message)
        #expect(results.first?.failure == .malformedSignature(.malformedTagList("more than 64 tags")))
    }

    @Test func manySignatureFieldsAreBounded() async {
        let field = "DKIM-Signature: v=1; a=rsa-sha256; d=example.org; s=sel; h=from; bh=AAAA; b=AAAA\r\n"
        let message = Array((String(repeating: field, count: 10_000) + "From: a@example.org\r\n\r\nhi\r\n").utf8)
        let table = DNSAnswerTable([:])
        let results = await DKIMVerifier(resolver: table, maximumSignatures: 10).verify(message: message)
        #expect(results.count == 10)
        #expect(table.queries.count <= 10)
    }

    @Test func badBase64EverywhereNeverCrashes() async {
        for value in ["=", "====", "A", "AB=C", "\u{0}\u{1}", "é", String(repeating: "/", count: 100_001)] {
            let message = Array("DKIM-Signature: v=1; a=rsa-sha256; d=example.org; s=sel; h=from; bh=\(value); b=\(value)\r\nFrom: a\r\n\r\n".utf8)
            let results = await Fixtures.verifier([:]).verify(message: message)
            #expect(results.first?.result == .permerror)
        }
    }

    @Test func randomBytesNeverCrash() async {
        var generator = SeededGenerator(seed: 6376)
        let pieces = ["DKIM-Signature:", " v=1;", " a=rsa-sha256;", " a=ed25519-sha256;", " d=example.org;", " s=sel;",
                      " h=from:to;", " bh=AAAA;", " b=", "l=5;", "c=relaxed/simple;", "\r\n", "\n", "\r", " ", "\t",
                      "From: a@example.org", ";", "=", ":", "\r\n\r\n", "\u{0}", "x"]
        let verifier = Fixtures.verifier(["sel._domainkey.example.org TXT": Fixtures.txt(Fixtures.ed25519Key.dnsRecordText)])
        for _ in 0..<300 {
            let count = Int.random(in: 0..<60, using: &generator)
            let text = (0..<count).map { _ in pieces.randomElement(using: &generator) ?? "" }.joined()
            let results = await verifier.verify(message: Array(text.utf8))
            #expect(results.allSatisfy { $0.result != .pass })
        }
    }

    @Test func aMessageOfNothingButHeaderOrNothingAtAll() async {
        #expect(await Fixtures.verifier([:]).verify(message: []).isEmpty)
        #expect(await Fixtures.verifier([:]).verify(message: Array("\r\n\r\n".utf8)).isEmpty)
        #expect(await Fixtures.verifier([:]).verify(message: Array(":\r\n \r\n\tx".utf8)).isEmpty)
    }
}
