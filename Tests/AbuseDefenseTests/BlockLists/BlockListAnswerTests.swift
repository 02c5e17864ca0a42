import DNSResolver
import Testing
@testable import AbuseDefense

@Suite("Block list answers")
struct BlockListAnswerTests {
    static func addresses(_ texts: String...) -> [IPAddress] { texts.compactMap(IPAddress.init) }

    @Test("Without configured codes any 127.0.0.0/8 answer is a listing")
    func anyLoopbackAnswerLists() throws {
        let zone = try #require(BlockListZone("zen.example"))
        #expect(BlockListAnswer.interpret(Self.addresses("127.0.0.2"), zone: zone)
            == .listed(codes: Self.addresses("127.0.0.2"), meanings: ["127.0.0.2"]))
        #expect(BlockListAnswer.interpret(Self.addresses("127.0.0.10", "127.0.0.4"), zone: zone)
            == .listed(codes: Self.addresses("127.0.0.10", "127.0.0.4"), meanings: ["127.0.0.10", "127.0.0.4"]))
        #expect(BlockListAnswer.interpret([], zone: zone) == .notListed)
    }

    @Test("Configured codes give meanings and filter the others out (RFC 5782 §2.3)")
    func configuredCodes() throws {
        let spamSource = try #require(IPAddress("127.0.0.2"))
        let exploited = try #require(IPAddress("127.0.0.4"))
        let codes = [spamSource: "spam source", exploited: "exploited host"]
        let zone = try #require(BlockListZone("zen.example", returnCodes: codes))
        #expect(BlockListAnswer.interpret(Self.addresses("127.0.0.4"), zone: zone)
            == .listed(codes: Self.addresses("127.0.0.4"), meanings: ["exploited host"]))
        #expect(BlockListAnswer.interpret(Self.addresses("127.0.0.10"), zone: zone) == .notListed)
        #expect(BlockListAnswer.interpret(Self.addresses("127.0.0.10", "127.0.0.2"), zone: zone)
            == .listed(codes: Self.addresses("127.0.0.2"), meanings: ["spam source"]))
    }

    @Test("127.255.255.252-255 are refusals, never listings")
    func errorCodesAreNotListings() throws {
        let zone = try #require(BlockListZone("zen.example"))
        for last in 252...255 {
            let code = try #require(IPAddress(bytes: [127, 255, 255, UInt8(last)]))
            #expect(BlockListAnswer.interpret([code], zone: zone) == .queryRefused(code: code))
        }
        // 127.255.255.251 is not one of them.
        #expect(BlockListAnswer.interpret(Self.addresses("127.255.255.251"), zone: zone)
            == .listed(codes: Self.addresses("127.255.255.251"), meanings: ["127.255.255.251"]))
        // A refusal beside a real code: the real code counts.
        #expect(BlockListAnswer.interpret(Self.addresses("127.255.255.254", "127.0.0.3"), zone: zone)
            == .listed(codes: Self.addresses("127.0.0.3"), meanings: ["127.0.0.3"]))
    }

    @Test("Answers outside 127.0.0.0/8 (a dead zone answering everything) are ignored")
    func answersOutsideLoopbackAreIgnored() throws {
        let zone = try #require(BlockListZone("zen.example"))
        #expect(BlockListAnswer.interpret(Self.addresses("192.0.2.80"), zone: zone) == .notListed)
        #expect(BlockListAnswer.interpret(Self.addresses("128.0.0.2"), zone: zone) == .notListed)
    }
}
