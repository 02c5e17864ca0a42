import Testing
@testable import DNSResolver

@Suite("Reading answers: CNAME chains and negative TTLs")
struct DNSResponseInterpretationTests {
    static func response(_ code: DNSResponseCode = .noError, answers: [DNSResourceRecord] = [],
                         authorities: [DNSResourceRecord] = []) -> DNSMessage {
        var message = DNSMessage(header: DNSHeader(id: 1, isResponse: true), answers: answers, authorities: authorities)
        message.responseCode = code
        return message
    }

    static func soa(ttl: UInt32, minimum: UInt32) throws -> DNSResourceRecord {
        DNSResourceRecord(name: try name("example.test"), timeToLive: ttl, data: .startOfAuthority(StartOfAuthority(
            primaryNameServer: try name("ns.example.test"), responsibleMailbox: try name("hostmaster.example.test"),
            serial: 1, refresh: 3600, retry: 600, expire: 86400, minimum: minimum)))
    }

    static func alias(_ from: String, _ to: String, ttl: UInt32 = 300) throws -> DNSResourceRecord {
        DNSResourceRecord(name: try name(from), timeToLive: ttl, data: .canonicalName(try name(to)))
    }

    static func a(_ owner: String, _ text: String) throws -> DNSResourceRecord {
        DNSResourceRecord(name: try name(owner), timeToLive: 300, data: .ipv4Address(try address(text)))
    }

    @Test("the negative TTL is the lesser of the SOA's TTL and MINIMUM (RFC 2308 §5)", arguments: [
        (UInt32(600), UInt32(60), UInt32(60)),
        (30, 3600, 30),
    ])
    func negativeTimeToLive(soaTTL: UInt32, minimum: UInt32, expected: UInt32) throws {
        let message = Self.response(.nameError, authorities: [try Self.soa(ttl: soaTTL, minimum: minimum)])
        #expect(DNSResponseInterpretation.interpret(message, name: try name("nx.example.test"), type: .a)
            == .nameDoesNotExist(negativeTimeToLive: expected, aliases: []))
    }

    @Test("no data with and without an SOA")
    func noData() throws {
        let owner = try name("a.example.test")
        #expect(DNSResponseInterpretation.interpret(Self.response(authorities: [try Self.soa(ttl: 300, minimum: 120)]),
                                                    name: owner, type: .txt) == .noData(negativeTimeToLive: 120, aliases: []))
        #expect(DNSResponseInterpretation.interpret(Self.response(), name: owner, type: .txt)
            == .noData(negativeTimeToLive: nil, aliases: []))
    }

    @Test("a CNAME chain inside one answer is followed, in any record order")
    func chainInAnswer() throws {
        let records = [try Self.a("target.example.test", "192.0.2.1"),
                       try Self.alias("second.example.test", "target.example.test"),
                       try Self.alias("www.example.test", "second.example.test")]
        let outcome = DNSResponseInterpretation.interpret(Self.response(answers: records), name: try name("WWW.example.test"), type: .a)
        #expect(outcome == .records([records[0]], canonicalName: try name("target.example.test"), aliases: [records[2], records[1]]))
    }

    @Test("a chain ending without data or SOA asks again at its end; with an SOA it is no data")
    func chainWithoutData() throws {
        let chain = [try Self.alias("www.example.test", "elsewhere.example.net")]
        #expect(DNSResponseInterpretation.interpret(Self.response(answers: chain), name: try name("www.example.test"), type: .a)
            == .alias(target: try name("elsewhere.example.net"), aliases: chain))
        let withSOA = Self.response(answers: chain, authorities: [try Self.soa(ttl: 300, minimum: 300)])
        #expect(DNSResponseInterpretation.interpret(withSOA, name: try name("www.example.test"), type: .a)
            == .noData(negativeTimeToLive: 300, aliases: chain))
        let nameError = Self.response(.nameError, answers: chain)
        #expect(DNSResponseInterpretation.interpret(nameError, name: try name("www.example.test"), type: .a)
            == .nameDoesNotExist(negativeTimeToLive: nil, aliases: chain))
    }

    @Test("asking for CNAME itself returns the CNAME without following it")
    func cnameQuery() throws {
        let chain = [try Self.alias("www.example.test", "target.example.test")]
        #expect(DNSResponseInterpretation.interpret(Self.response(answers: chain), name: try name("www.example.test"), type: .cname)
            == .records(chain, canonicalName: try name("www.example.test"), aliases: []))
    }

    @Test("a loop inside one answer ends at the repeated name")
    func loopInAnswer() throws {
        let loop = [try Self.alias("a.example.test", "b.example.test"), try Self.alias("b.example.test", "a.example.test")]
        #expect(DNSResponseInterpretation.interpret(Self.response(answers: loop), name: try name("a.example.test"), type: .a)
            == .alias(target: try name("a.example.test"), aliases: loop))
    }

    @Test("records of other classes and other owners are ignored")
    func otherClassesAndOwners() throws {
        let chaos = DNSResourceRecord(name: try name("a.example.test"), recordClass: 3, timeToLive: 1, data: .unknown(type: .a, data: [1, 2, 3, 4]))
        let other = try Self.a("b.example.test", "192.0.2.2")
        #expect(DNSResponseInterpretation.interpret(Self.response(answers: [chaos, other]), name: try name("a.example.test"), type: .a)
            == .noData(negativeTimeToLive: nil, aliases: []))
    }

    @Test("answer validation: ID, QR, and the question")
    func validation() throws {
        let query = DNSMessage.query(id: 42, name: try name("example.test"), type: .mx, udpPayloadSize: 1232)
        var response = DNSMessage(header: DNSHeader(id: 42, isResponse: true), questions: query.questions)
        #expect(DNSResponseValidation.problem(with: response, for: query) == nil)
        response.questions = [DNSQuestion(name: try name("EXAMPLE.test"), type: .mx)]
        #expect(DNSResponseValidation.problem(with: response, for: query) == nil)
        response.questions = [DNSQuestion(name: try name("example.test"), type: .a)]
        #expect(DNSResponseValidation.problem(with: response, for: query) == "the answer is for another question")
        response.questions = []
        #expect(DNSResponseValidation.problem(with: response, for: query) == "the answer is for another question")
        response.responseCode = .serverFailure
        #expect(DNSResponseValidation.problem(with: response, for: query) == nil)
        response.header.id = 43
        #expect(DNSResponseValidation.problem(with: response, for: query) == "the answer has another ID")
        response.header.id = 42
        response.header.isResponse = false
        #expect(DNSResponseValidation.problem(with: response, for: query) == "the answer is not marked as a response")
    }
}
