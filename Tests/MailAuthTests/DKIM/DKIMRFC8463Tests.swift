import Crypto
import Foundation
import Testing
@testable import MailAuth

@Suite struct DKIMRFC8463Tests {
    @Test func bothSignaturesOfTheRFCExampleVerify() async {
        let results = await DKIMTestFixtures.verifier(DKIMTestFixtures.rfc8463Answers)
            .verify(message: DKIMTestFixtures.rfc8463SignedMessage)
        #expect(results.map(\.result) == [.pass, .pass])
        #expect(results.map(\.algorithm) == ["ed25519-sha256", "rsa-sha256"])
        #expect(results.map(\.selector) == ["brisbane", "test"])
        #expect(results.allSatisfy { $0.domain == "football.example.com" && $0.identity == "@football.example.com" })
        #expect(results.map(\.headerSignaturePrefix) == ["/gCrinpc", "F45dVWDf"])
        #expect(results.allSatisfy { $0.failure == nil && !$0.bodyLengthLimited })
    }

    @Test func theExampleWithBareLineFeedsVerifiesToo() async {
        let lineFeedOnly = Array(String(decoding: DKIMTestFixtures.rfc8463SignedMessage, as: UTF8.self)
            .replacingOccurrences(of: "\r\n", with: "\n").utf8)
        let results = await DKIMTestFixtures.verifier(DKIMTestFixtures.rfc8463Answers).verify(message: lineFeedOnly)
        #expect(results.map(\.result) == [.pass, .pass])
    }

    @Test func theRFCKeysSignTheSameBodyHash() throws {
        let seed = try #require(Data(base64Encoded: DKIMTestFixtures.rfc8463Ed25519Seed))
        let key = DKIMSigningKey.ed25519(try Curve25519.Signing.PrivateKey(rawRepresentation: seed))
        #expect(key.dnsRecordText == DKIMTestFixtures.rfc8463Ed25519Record.joinedText)
        let field = try DKIMSigner(domain: "football.example.com", selector: "brisbane", key: key)
            .signatureField(for: DKIMTestFixtures.unsignedExample, at: DKIMTestFixtures.rfc8463Time)
        #expect(field.contains("bh=2jUSOH9NhtVGCQWNr9BrIAPreKQjO6Sn7XIkfJVOzv8=;"))
    }

    @Test func theEd25519SignatureIsExactlyTheRFCs() throws {
        // Ed25519 is deterministic: signing the RFC's header data with the RFC's key gives its b=.
        let seed = try #require(Data(base64Encoded: DKIMTestFixtures.rfc8463Ed25519Seed))
        let key = DKIMSigningKey.ed25519(try Curve25519.Signing.PrivateKey(rawRepresentation: seed))
        let message = RawMessage(DKIMTestFixtures.rfc8463SignedMessage)
        let signatureField = try #require(message.fields.first)
        let data = DKIMHeaderHashInput.data(
            message: message, signedFields: ["from", "to", "subject", "date", "message-id", "from", "subject", "date"],
            canonicalization: .relaxed, signatureField: signatureField)
        let signature = try key.signature(forHeaderData: data)
        #expect(Data(signature).base64EncodedString()
            == "/gCrinpcQOoIfuHNQIbq4pgh9kyIK3AQUdt9OdqQehSwhEIug4D11BusFa3bT3FY5OsU7ZbnKELq+eXdp1Q1Dw==")
    }
}
