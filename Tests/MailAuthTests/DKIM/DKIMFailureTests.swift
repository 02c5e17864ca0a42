import Foundation
import Testing
@testable import MailAuth

@Suite struct DKIMFailureTests {
    typealias Fixtures = DKIMTestFixtures

    static let message = Fixtures.crlf("""
        From: Alice <alice@example.org>
        To: bob@example.net
        Subject: Test

        Body line one.
        Body line two.

        """)
    static let key = Fixtures.ed25519Key
    static let basicTags = "v=1; a=ed25519-sha256; c=relaxed/relaxed; d=example.org; s=sel; h=from:to:subject"
    static let keyRecord = Fixtures.ed25519Key.dnsRecordText

    private func verify(_ tags: String, record: DNSAnswerTable.Answer? = nil, key: DKIMSigningKey = key,
                        hashAlgorithm: DKIMHashAlgorithm = .sha256, appending extra: String = "",
                        now: Date = Fixtures.rfc8463Time, minimumRSAKeyBits: Int = 1024) async throws -> DKIMSignatureVerification {
        let signed = try DKIMHandMadeSignature.signed(Self.message, tags: tags, key: key, hashAlgorithm: hashAlgorithm)
            + Array(extra.utf8)
        let answer = record ?? .records([.text(.init(key.dnsRecordStrings))])
        let results = await Fixtures.verifier(["sel._domainkey.example.org TXT": answer], now: now,
                                              minimumRSAKeyBits: minimumRSAKeyBits).verify(message: signed)
        return try #require(results.first)
    }

    @Test func theHandMadeSignatureItselfPasses() async throws {
        #expect(try await verify(Self.basicTags).result == .pass)
        #expect(try await verify(Self.basicTags.replacingOccurrences(of: "c=relaxed/relaxed", with: "c=simple/simple")).result == .pass)
    }

    @Test func aMessageWithoutSignaturesHasNoResults() async {
        #expect(await Fixtures.verifier([:]).verify(message: Self.message).isEmpty)
    }

    @Test func revokedKey() async throws {
        let result = try await verify(Self.basicTags, record: Fixtures.txt("v=DKIM1; k=ed25519; p="))
        #expect(result.result == .permerror)
        #expect(result.failure == .keyRevoked)
        #expect(result.failure?.description == "key revoked")
    }

    @Test func missingKeyIsAPermanentError() async throws {
        for answer in [DNSAnswerTable.Answer.nameDoesNotExist, .records([])] {
            let result = try await verify(Self.basicTags, record: answer)
            #expect(result.result == .permerror)
            #expect(result.failure == .keyNotFound("sel._domainkey.example.org"))
        }
    }

    @Test func aFailedLookupIsATemporaryError() async throws {
        let result = try await verify(Self.basicTags, record: .temporaryFailure)
        #expect(result.result == .temperror)
        guard case .keyLookupFailed? = result.failure else { Issue.record("\(String(describing: result.failure))"); return }
    }

    @Test func expiredSignature() async throws {
        let result = try await verify(Self.basicTags + "; t=1528600000; x=1528637000")
        #expect(result.result == .permerror)
        #expect(result.failure == .signatureExpired(expiration: Date(timeIntervalSince1970: 1_528_637_000)))
        #expect(try await verify(Self.basicTags + "; t=1528600000; x=1528640000").result == .pass)
    }

    @Test func timestampInTheFuture() async throws {
        let result = try await verify(Self.basicTags + "; t=1528647909")
        #expect(result.failure == .signatureTimestampInFuture(timestamp: Date(timeIntervalSince1970: 1_528_647_909)))
        #expect(result.result == .permerror)
        // A minute ahead is within clock skew.
        #expect(try await verify(Self.basicTags + "; t=1528637969").result == .pass)
    }

    @Test func keyTooShort() async throws {
        let tags = Self.basicTags.replacingOccurrences(of: "ed25519-sha256", with: "rsa-sha256")
        let result = try await verify(tags, key: Fixtures.rsaKey, minimumRSAKeyBits: 3072)
        #expect(result.failure == .keyTooShort(bits: 2048, minimum: 3072))
        #expect(result.result == .permerror)
    }

    @Test func keyTypeMismatch() async throws {
        let tags = Self.basicTags.replacingOccurrences(of: "ed25519-sha256", with: "rsa-sha256")
        let record = Fixtures.txt(Self.keyRecord)
        let result = try await verify(tags, record: record, key: Fixtures.rsaKey)
        #expect(result.failure == .keyTypeMismatch(signature: .rsa, key: .ed25519))
    }

    @Test func hashNotAllowedByTheKey() async throws {
        let record = Fixtures.txt(Self.keyRecord.replacingOccurrences(of: "k=ed25519;", with: "k=ed25519; h=sha1;"))
        let result = try await verify(Self.basicTags, record: record)
        #expect(result.failure == .hashNotAllowedByKey(.sha256))
        let allowing = Fixtures.txt(Self.keyRecord.replacingOccurrences(of: "k=ed25519;", with: "k=ed25519; h=sha1:sha256;"))
        #expect(try await verify(Self.basicTags, record: allowing).result == .pass)
    }

    @Test func strictKeyNeedsTheIdentityInTheDomainItself() async throws {
        let record = Fixtures.txt(Self.keyRecord + "; t=s")
        let sub = try await verify(Self.basicTags + "; i=alice@mail.example.org", record: record)
        #expect(sub.failure == .identityNotAllowedByStrictKey(identity: "alice@mail.example.org", domain: "example.org"))
        #expect(try await verify(Self.basicTags + "; i=alice@example.org", record: record).result == .pass)
        // Without t=s a subdomain is fine.
        #expect(try await verify(Self.basicTags + "; i=alice@mail.example.org").result == .pass)
    }

    @Test func testingKeyIsReported() async throws {
        let result = try await verify(Self.basicTags, record: Fixtures.txt(Self.keyRecord + "; t=y"))
        #expect(result.result == .pass)
        #expect(result.keyIsTesting)
    }

    @Test func keyRecordProblems() async throws {
        let notEmail = try await verify(Self.basicTags, record: Fixtures.txt(Self.keyRecord + "; s=other"))
        #expect(notEmail.result == .permerror)
        #expect(try await verify(Self.basicTags, record: Fixtures.txt(Self.keyRecord + "; s=email:other")).result == .pass)
        let badVersion = try await verify(Self.basicTags, record: Fixtures.txt("v=DKIM2; k=ed25519; p=abc="))
        #expect(badVersion.result == .permerror)
        let unknownType = try await verify(Self.basicTags, record: Fixtures.txt("v=DKIM1; k=dsa; p=abcd"))
        #expect(unknownType.failure == .malformedKeyRecord("unknown key type k=dsa"))
        let badKey = try await verify(Self.basicTags, record: Fixtures.txt("v=DKIM1; k=ed25519; p=AAAA"))
        #expect(badKey.failure == .invalidPublicKey)
        let badBase64 = try await verify(Self.basicTags, record: Fixtures.txt("v=DKIM1; k=ed25519; p=!!!"))
        #expect(badBase64.result == .permerror)
    }

    @Test func rsaSHA1VerifiesButIsPolicy() async throws {
        let tags = Self.basicTags.replacingOccurrences(of: "ed25519-sha256", with: "rsa-sha1")
        let result = try await verify(tags, key: Fixtures.rsaKey, hashAlgorithm: .sha1)
        #expect(result.result == .policy)
        #expect(result.failure == .weakAlgorithm(.rsaSHA1))
    }

    @Test func bodyLengthLimit() async throws {
        // Relaxed canonical body: "Body line one.\r\nBody line two.\r\n" is 32 octets.
        let exact = try await verify(Self.basicTags + "; l=32")
        #expect(exact.result == .pass)
        #expect(!exact.bodyLengthLimited)
        let appended = try await verify(Self.basicTags + "; l=32", appending: "Appended by a list.\r\n")
        #expect(appended.result == .pass)
        #expect(appended.bodyLengthLimited)
        let partial = try await verify(Self.basicTags + "; l=10")
        #expect(partial.result == .pass)
        #expect(partial.bodyLengthLimited)
        let tooLong = try await verify(Self.basicTags + "; l=33")
        #expect(tooLong.failure == .bodyShorterThanLengthLimit(limit: 33, bodyLength: 32))
        let huge = try await verify(Self.basicTags + "; l=99999999999999999999999999999")
        #expect(huge.result == .permerror)
    }

    @Test(arguments: [
        ("a=ed25519-sha256; c=relaxed/relaxed; d=example.org; s=sel; h=from", DKIMSignatureError.missingTag("v")),
        ("v=2; a=ed25519-sha256; d=example.org; s=sel; h=from", .unsupportedVersion("2")),
        ("v=1; a=ed448-sha512; d=example.org; s=sel; h=from", .unknownAlgorithm("ed448-sha512")),
        ("v=1; a=ed25519-sha256; s=sel; h=from", .missingTag("d")),
        ("v=1; a=ed25519-sha256; d=example.org; h=from", .missingTag("s")),
        ("v=1; a=ed25519-sha256; d=example.org; s=sel", .missingTag("h")),
        ("v=1; a=ed25519-sha256; d=example.org; s=sel; h=to:subject", .fromNotSigned),
        ("v=1; a=ed25519-sha256; d=example.org; s=sel; h=from; i=a@example.com", .identityNotInDomain(identity: "a@example.com", domain: "example.org")),
        ("v=1; a=ed25519-sha256; d=example.org; s=sel; h=from; i=a@badexample.org", .identityNotInDomain(identity: "a@badexample.org", domain: "example.org")),
        ("v=1; a=ed25519-sha256; c=fancy; d=example.org; s=sel; h=from", .invalidCanonicalization("fancy")),
        ("v=1; a=ed25519-sha256; d=example.org; s=sel; h=from; l=-1", .invalidBodyLength("-1")),
        ("v=1; a=ed25519-sha256; d=example.org; s=sel; h=from; t=soon", .invalidTime(tag: "t", value: "soon")),
        ("v=1; a=ed25519-sha256; d=example.org; s=sel; h=from; t=200; x=100", .expirationNotAfterTimestamp),
        ("v=1; a=ed25519-sha256; d=example.org; s=sel; h=from; q=http/well-known", .unsupportedQueryMethod("http/well-known")),
        ("v=1; a=ed25519-sha256; d=exa mple.org; s=sel; h=from", .invalidDomain("exa mple.org")),
        ("v=1; a=ed25519-sha256; d=example.org; s=se/l; h=from", .invalidSelector("se/l")),
    ])
    func malformedSignatures(tags: String, error: DKIMSignatureError) async throws {
        let result = try await verify(tags)
        #expect(result.result == .permerror)
        #expect(result.failure == .malformedSignature(error))
    }

    @Test func badBase64InTheSignature() async throws {
        let message = Array("DKIM-Signature: v=1; a=rsa-sha256; d=example.org; s=sel; h=from; bh=!!!; b=abcd\r\n".utf8) + Self.message
        let results = await Fixtures.verifier([:]).verify(message: message)
        #expect(results.first?.failure == .malformedSignature(.invalidBase64(tag: "bh")))
        #expect(results.first?.domain == "example.org")
        #expect(results.first?.headerSignaturePrefix == "abcd")
    }

    @Test func duplicateTagsAreRefused() async throws {
        let message = Array("DKIM-Signature: v=1; v=1; a=rsa-sha256\r\n".utf8) + Self.message
        let results = await Fixtures.verifier([:]).verify(message: message)
        #expect(results.first?.result == .permerror)
        #expect(results.first?.failure == .malformedSignature(.malformedTagList("the tag v= appears twice")))
    }

    @Test func severalSignaturesAreEachReported() async throws {
        let once = try Fixtures.signed(Self.message, key: Fixtures.rsaKey, domain: "example.org", selector: "rsa")
        let twice = try Fixtures.signed(once, key: Fixtures.ed25519Key, domain: "example.net", selector: "ed")
        let thrice = try Fixtures.signed(twice, key: Fixtures.ed25519Key, domain: "example.com", selector: "gone")
        var answers = Fixtures.keyAnswers(Fixtures.rsaKey, domain: "example.org", selector: "rsa")
        answers.merge(Fixtures.keyAnswers(Fixtures.ed25519Key, domain: "example.net", selector: "ed")) { $1 }
        let results = await Fixtures.verifier(answers).verify(message: thrice)
        #expect(results.map(\.domain) == ["example.com", "example.net", "example.org"])
        #expect(results.map(\.result) == [.permerror, .pass, .pass])
        #expect(Set(results.map(\.headerSignaturePrefix)).count == 3)
        let bounded = await Fixtures.verifier(answers, maximumSignatures: 2).verify(message: thrice)
        #expect(bounded.map(\.domain) == ["example.com", "example.net"])
    }

    @Test func headerSignaturePrefixesGrowUntilDistinct() {
        let prefixes = DKIMSignaturePrefix.shortestDistinct(["abcdefghij1", "abcdefghij2", "zzzzzzzzzz", "abc"])
        #expect(prefixes == ["abcdefghij1", "abcdefghij2", "zzzzzzzz", "abc"])
    }

    @Test func failureDescriptionsAreReadable() {
        #expect(DKIMFailureReason.bodyHashMismatch.description == "body hash did not verify")
        #expect(DKIMFailureReason.signatureMismatch.description == "signature did not verify")
        #expect(DKIMFailureReason.keyTooShort(bits: 512, minimum: 1024).description == "512-bit key is shorter than 1024 bits")
        #expect(DKIMFailureReason.malformedSignature(.fromNotSigned).description == "bad signature syntax: h= does not include the From field")
    }
}
