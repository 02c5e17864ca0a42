import Foundation
import Testing
@testable import MailAuth

@Suite struct ARCTests {
    typealias Fixtures = DKIMTestFixtures

    static let message = Fixtures.crlf("""
        From: Alice <alice@example.org>
        To: list@lists.example.net
        Subject: Meeting
        Date: Mon, 1 Jan 2024 12:00:00 +0000
        Message-ID: <2@example.org>

        See you there.

        """)

    static let firstHop = ARCSealer(domain: "lists.example.net", selector: "arc", key: Fixtures.ed25519Key)
    static let secondHop = ARCSealer(domain: "relay.example.com", selector: "arc2", key: Fixtures.rsaKey)

    static var answers: [String: DNSAnswerTable.Answer] {
        Fixtures.keyAnswers(Fixtures.ed25519Key, domain: "lists.example.net", selector: "arc")
            .merging(Fixtures.keyAnswers(Fixtures.rsaKey, domain: "relay.example.com", selector: "arc2")) { $1 }
    }

    private func verify(_ message: [UInt8]) async -> ARCEvaluation {
        await ARCVerifier(resolver: DNSAnswerTable(Self.answers), now: { Fixtures.rfc8463Time }).verify(message: message)
    }

    private func sealed(_ message: [UInt8], by sealer: ARCSealer = firstHop, cv: ARCChainResult = .none) throws -> [UInt8] {
        let fields = try sealer.sealFields(for: message, authenticationResults: "mx.example; dkim=pass header.d=example.org",
                                           chainValidation: cv, at: Fixtures.rfc8463Time)
        return Array(fields.utf8) + message
    }

    private func replacing(_ old: String, with new: String, in message: [UInt8]) -> [UInt8] {
        Array(String(decoding: message, as: UTF8.self).replacingOccurrences(of: old, with: new).utf8)
    }

    @Test func aMessageWithoutARCHasNoChain() async {
        #expect(await verify(Self.message) == ARCEvaluation(result: .none, instanceCount: 0, failure: nil, oldestPassingInstance: nil))
    }

    @Test func oneSetVerifies() async throws {
        let once = try sealed(Self.message)
        let text = String(decoding: once, as: UTF8.self)
        #expect(text.hasPrefix("ARC-Seal: i=1; a=ed25519-sha256; t=1528637909; cv=none; d=lists.example.net;"))
        #expect(text.contains("\r\nARC-Message-Signature: i=1; a=ed25519-sha256;"))
        #expect(text.contains("\r\nARC-Authentication-Results: i=1; mx.example; dkim=pass header.d=example.org\r\nFrom:"))
        #expect(await verify(once) == ARCEvaluation(result: .pass, instanceCount: 1, failure: nil, oldestPassingInstance: 1))
    }

    @Test func twoSetsVerify() async throws {
        let twice = try sealed(try sealed(Self.message), by: Self.secondHop, cv: .pass)
        #expect(await verify(twice) == ARCEvaluation(result: .pass, instanceCount: 2, failure: nil, oldestPassingInstance: 1))
    }

    @Test func aChangeBetweenHopsLeavesTheChainPassingFromTheNewerSet() async throws {
        let once = try sealed(Self.message)
        let modified = replacing("Subject: Meeting", with: "Subject: [list] Meeting", in: once)
        let twice = try sealed(modified, by: Self.secondHop, cv: .pass)
        let evaluation = await verify(twice)
        #expect(evaluation.result == .pass)
        #expect(evaluation.oldestPassingInstance == 2)
    }

    @Test func aChangeAfterTheLastSetFails() async throws {
        let once = try sealed(Self.message)
        let evaluation = await verify(once + Array("footer\r\n".utf8))
        #expect(evaluation.result == .fail)
        #expect(evaluation.failure == "ARC-Message-Signature i=1: body hash did not verify")
    }

    @Test func aChangedAuthenticationResultsBreaksTheSeal() async throws {
        let twice = try sealed(try sealed(Self.message), by: Self.secondHop, cv: .pass)
        let tampered = replacing("i=1; mx.example; dkim=pass", with: "i=1; mx.example; dkim=fail", in: twice)
        let evaluation = await verify(tampered)
        #expect(evaluation.result == .fail)
        // The newest seal covers the older sets too, and is checked first.
        #expect(evaluation.failure == "ARC-Seal i=2: signature did not verify")
    }

    @Test func cvFailAnywhereFails() async throws {
        let twice = try sealed(try sealed(Self.message), by: Self.secondHop, cv: .fail)
        let evaluation = await verify(twice)
        #expect(evaluation.result == .fail)
        #expect(evaluation.failure == "ARC-Seal i=2 says cv=fail")
    }

    @Test func cvMustBeNoneFirstAndPassAfter() async throws {
        let once = try sealed(Self.message)
        let evaluation = await verify(replacing("cv=none", with: "cv=pass", in: once))
        #expect(evaluation.failure == "ARC-Seal i=1 has cv=pass, not none")
        #expect(throws: ARCSealingError.chainValidationMismatch(.none)) { try sealed(once, by: Self.secondHop, cv: .none) }
        #expect(throws: ARCSealingError.chainValidationMismatch(.pass)) { try sealed(Self.message, cv: .pass) }
    }

    @Test func missingAndDuplicatedFieldsFail() async throws {
        let twice = try sealed(try sealed(Self.message), by: Self.secondHop, cv: .pass)
        let withoutFirstResults = replacing("ARC-Authentication-Results: i=1;", with: "X-Old: i=1;", in: twice)
        #expect(await verify(withoutFirstResults).failure == "ARC set 1 does not have exactly one of each field")
        let gap = replacing("ARC-Authentication-Results: i=1;", with: "ARC-Authentication-Results: i=3;", in: twice)
        #expect(await verify(gap).result == .fail)
        let duplicated = Array("ARC-Authentication-Results: i=2; again\r\n".utf8) + twice
        #expect(await verify(duplicated).failure == "ARC set 2 does not have exactly one of each field")
        let badInstance = Array("ARC-Seal: i=51; a=rsa-sha256; cv=pass; d=x.example; s=s; b=AAAA\r\n".utf8) + twice
        #expect(await verify(badInstance).failure == "an arc-seal field has no valid i= instance")
    }

    @Test func aSealWithHeaderListIsRefused() async throws {
        let once = try sealed(Self.message)
        let evaluation = await verify(replacing("ARC-Seal: i=1;", with: "ARC-Seal: i=1; h=from;", in: once))
        #expect(evaluation.failure == "ARC-Seal i=1: the h= tag is not allowed here")
    }

    @Test func tooManyFieldsAreRefusedWithoutWork() async throws {
        let set = "ARC-Seal: i=1; cv=none\r\n"
        let message = Array(String(repeating: set, count: 200).utf8) + Self.message
        let table = DNSAnswerTable([:])
        let evaluation = await ARCVerifier(resolver: table).verify(message: message)
        #expect(evaluation.failure == "more than 50 ARC sets")
        #expect(table.queries.isEmpty)
    }

    @Test func fiftySetsAreTheMost() async throws {
        var message = Self.message
        for instance in 1...50 {
            message = try sealed(message, cv: instance == 1 ? .none : .pass)
        }
        #expect(throws: ARCSealingError.chainFull) { try sealed(message, cv: .pass) }
        let evaluation = await verify(message)
        #expect(evaluation.result == .pass)
        #expect(evaluation.instanceCount == 50)
    }
}
