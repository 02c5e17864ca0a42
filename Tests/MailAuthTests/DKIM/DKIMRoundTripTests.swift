import Foundation
import Testing
@testable import MailAuth

@Suite struct DKIMRoundTripTests {
    typealias Fixtures = DKIMTestFixtures

    static let message = Fixtures.crlf("""
        From: Alice <alice@example.org>
        To: Bob <bob@example.net>
        Cc: carol@example.net
        Subject: Lunch
        Date: Mon, 1 Jan 2024 12:00:00 +0000
        Message-ID: <1@example.org>
        MIME-Version: 1.0
        Content-Type: text/plain; charset=utf-8
        X-Unsigned: yes

        Shall we meet   at noon?\t

        Alice


        """)

    static let keys: [DKIMSigningKey] = [Fixtures.rsaKey, Fixtures.ed25519Key]

    @Test(arguments: keys)
    func aSignedMessageVerifies(key: DKIMSigningKey) async throws {
        let signed = try Fixtures.signed(Self.message, key: key)
        let results = await Fixtures.verifier(Fixtures.keyAnswers(key)).verify(message: signed)
        #expect(results.count == 1)
        #expect(results.first?.result == .pass)
        #expect(results.first?.failure == nil)
        #expect(results.first?.algorithm == key.algorithm.rawValue)
        #expect(results.first?.domain == "example.org")
        #expect(results.first?.identity == "@example.org")
    }

    /// Regression (FuzzMailAuth): a message whose first line is a continuation line would
    /// fold into the signature field put in front of it, so it is not signed at all.
    @Test func aHeaderStartingWithAFoldedLineIsNotSigned() throws {
        let folded = Array(" bCharacter; b=\"abcdefgh\"\r\nFrom: a@example.org\r\n\r\nbody\r\n".utf8)
        let signer = DKIMSigner(domain: "example.org", selector: "s1", key: Fixtures.ed25519Key)
        #expect(throws: DKIMSigningError.headerStartsWithContinuation) {
            try signer.signatureField(for: folded, at: Date(timeIntervalSince1970: 1_800_000_000))
        }
        #expect(throws: DKIMSigningError.headerStartsWithContinuation) {
            try signer.signatureField(for: Array("\tx\r\nFrom: a@example.org\r\n\r\n".utf8), at: Date())
        }
        #expect((try? signer.signatureField(for: Array(folded.dropFirst()), at: Date())) != nil)
    }

    @Test func theFieldIsFoldedAndListsOversignedFields() throws {
        let field = try DKIMSigner(domain: "example.org", selector: "sel", key: Fixtures.ed25519Key)
            .signatureField(for: Self.message, at: Fixtures.rfc8463Time)
        #expect(field.hasPrefix("DKIM-Signature: v=1; a=ed25519-sha256; c=relaxed/relaxed; d=example.org;"))
        #expect(field.hasSuffix("\r\n"))
        #expect(field.contains("t=1528637909;"))
        let lines = field.components(separatedBy: "\r\n").dropLast()
        #expect(lines.allSatisfy { $0.utf8.count <= 78 })
        #expect(lines.dropFirst().allSatisfy { $0.hasPrefix("\t") })
        let tags = try DKIMTagList(parsing: Array(field.dropFirst("DKIM-Signature:".count).utf8))
        let headerList = try #require(tags["h"]).replacingOccurrences(of: "\r\n\t", with: "")
        #expect(headerList == "from:from:subject:subject:date:date:message-id:to:to:cc:mime-version:content-type")
        #expect(!headerList.contains("x-unsigned"))
    }

    @Test func anAbsentOversignedFieldIsStillListedOnce() throws {
        let bare = Fixtures.crlf("From: a@example.org\n\nhi\n")
        let field = try DKIMSigner(domain: "example.org", selector: "sel", key: Fixtures.ed25519Key)
            .signatureField(for: bare, at: Fixtures.rfc8463Time)
        #expect(field.replacingOccurrences(of: "\r\n\t", with: "").contains("h=from:from:subject:date:to;"))
    }

    @Test(arguments: keys)
    func aChangedBodyFails(key: DKIMSigningKey) async throws {
        var signed = try Fixtures.signed(Self.message, key: key)
        signed += Array("P.S. send money\r\n".utf8)
        let results = await Fixtures.verifier(Fixtures.keyAnswers(key)).verify(message: signed)
        #expect(results.map(\.result) == [.fail])
        #expect(results.first?.failure == .bodyHashMismatch)
    }

    @Test(arguments: keys)
    func aChangedSignedFieldFails(key: DKIMSigningKey) async throws {
        let signed = try Fixtures.signed(Self.message, key: key)
        let tampered = Array(String(decoding: signed, as: UTF8.self)
            .replacingOccurrences(of: "Subject: Lunch", with: "Subject: Dinner").utf8)
        let results = await Fixtures.verifier(Fixtures.keyAnswers(key)).verify(message: tampered)
        #expect(results.map(\.result) == [.fail])
        #expect(results.first?.failure == .signatureMismatch)
    }

    @Test func aSecondFromBreaksTheOversignedSignature() async throws {
        let signed = try Fixtures.signed(Self.message, key: Fixtures.ed25519Key)
        let added = Array("From: Mallory <m@evil.example>\r\n".utf8) + signed
        let results = await Fixtures.verifier(Fixtures.keyAnswers(Fixtures.ed25519Key)).verify(message: added)
        #expect(results.map(\.result) == [.fail])
    }

    @Test func whitespaceChangesAndUnsignedFieldsStillPass() async throws {
        let signed = try Fixtures.signed(Self.message, key: Fixtures.ed25519Key)
        let rewritten = Array(String(decoding: signed, as: UTF8.self)
            .replacingOccurrences(of: "Subject: Lunch", with: "subject:   Lunch ")
            .replacingOccurrences(of: "meet   at", with: "meet at")
            .replacingOccurrences(of: "X-Unsigned: yes", with: "X-Unsigned: no\r\nReceived: by relay").utf8)
        let results = await Fixtures.verifier(Fixtures.keyAnswers(Fixtures.ed25519Key)).verify(message: rewritten)
        #expect(results.map(\.result) == [.pass])
    }

    @Test func aMessageWithBareLineFeedsIsSignedAsCRLF() async throws {
        let lineFeeds = Array(String(decoding: Self.message, as: UTF8.self).replacingOccurrences(of: "\r\n", with: "\n").utf8)
        let field = try DKIMSigner(domain: "example.org", selector: "sel", key: Fixtures.ed25519Key)
            .signatureField(for: lineFeeds, at: Fixtures.rfc8463Time)
        let results = await Fixtures.verifier(Fixtures.keyAnswers(Fixtures.ed25519Key))
            .verify(message: Array(field.utf8) + Self.message)
        #expect(results.map(\.result) == [.pass])
    }

    @Test func signingNeedsAFromFieldAndAValidDomain() throws {
        let signer = DKIMSigner(domain: "example.org", selector: "sel", key: Fixtures.ed25519Key)
        #expect(throws: DKIMSigningError.missingFromField) {
            try signer.signatureField(for: Array("To: b@example.net\r\n\r\nhi\r\n".utf8), at: Date())
        }
        #expect(throws: DKIMSigningError.invalidDomain("exa mple.org")) {
            try DKIMSigner(domain: "exa mple.org", selector: "sel", key: Fixtures.ed25519Key)
                .signatureField(for: Self.message, at: Date())
        }
    }

    @Test(arguments: keys)
    func keysSurvivePEM(key: DKIMSigningKey) throws {
        let pem = key.pemRepresentation
        #expect(pem.contains("BEGIN PRIVATE KEY"))
        let read = try DKIMSigningKey(pemRepresentation: pem)
        #expect(read.dnsRecordText == key.dnsRecordText)
    }

    @Test func pkcs1RSAKeysAreRead() throws {
        guard case .rsa(let rsa) = Fixtures.rsaKey else { Issue.record("not RSA"); return }
        let read = try DKIMSigningKey(pemRepresentation: rsa.pemRepresentation)
        #expect(rsa.pemRepresentation.contains("BEGIN RSA PRIVATE KEY"))
        #expect(read.dnsRecordText == Fixtures.rsaKey.dnsRecordText)
        #expect(throws: DKIMSigningError.self) { try DKIMSigningKey(pemRepresentation: "not a key") }
    }

    @Test func dnsRecordTexts() {
        #expect(Fixtures.ed25519Key.dnsRecordText.hasPrefix("v=DKIM1; k=ed25519; p="))
        #expect(Fixtures.ed25519Key.dnsRecordText.utf8.count == "v=DKIM1; k=ed25519; p=".utf8.count + 44)
        #expect(Fixtures.rsaKey.dnsRecordText.hasPrefix("v=DKIM1; k=rsa; p=MIIBIjAN"))
        #expect(Fixtures.rsaKey.dnsRecordStrings.allSatisfy { $0.utf8.count <= 255 })
        #expect(Fixtures.rsaKey.dnsRecordStrings.joined() == Fixtures.rsaKey.dnsRecordText)
    }
}

extension DKIMSigningKey: CustomTestStringConvertible {
    public var testDescription: String { algorithm.rawValue }
}
