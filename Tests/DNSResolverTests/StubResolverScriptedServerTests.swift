import Locking
import Testing
@testable import DNSResolver

/// The resolver against a scripted server on 127.0.0.1, for server behaviour a real server
/// does not produce on demand: truncation, SERVFAIL, forgeries, malformed answers, loops.
@Suite("Stub resolver against a scripted server")
struct StubResolverScriptedServerTests {
    static let genuine = IPAddress(validatedBytes: [192, 0, 2, 1])
    static let forgedAddress = IPAddress(validatedBytes: [203, 0, 113, 66])

    /// The answer to `query` with these records (and its OPT record mirrored).
    static func answer(_ query: DNSMessage, _ code: DNSResponseCode = .noError, records: [DNSRecordData] = [],
                       authorities: [DNSResourceRecord] = [], truncated: Bool = false) -> DNSMessage {
        let owner = query.questions.first?.name ?? .root
        var message = DNSMessage(
            header: DNSHeader(id: query.header.id, isResponse: true, isTruncated: truncated, recursionAvailable: true),
            questions: query.questions,
            answers: records.map { DNSResourceRecord(name: owner, timeToLive: 300, data: $0) },
            authorities: authorities,
            edns: query.edns.map { _ in EDNSRecord(udpPayloadSize: 1232) })
        message.responseCode = code
        return message
    }

    /// A forged answer from another port, and one from the server's port with another ID.
    static func forgeries(for query: DNSMessage) -> [ScriptedReply] {
        var wrongID = answer(query, records: [.ipv4Address(forgedAddress)])
        wrongID.header.id &+= 1
        return [.forged(answer(query, records: [.ipv4Address(forgedAddress)])), .answer(wrongID)]
    }

    static func soa(ttl: UInt32, minimum: UInt32) -> DNSResourceRecord {
        let zone = DNSName(validatedLabels: [Array("example".utf8), Array("test".utf8)])
        return DNSResourceRecord(name: zone, timeToLive: ttl, data: .startOfAuthority(StartOfAuthority(
            primaryNameServer: zone, responsibleMailbox: zone, serial: 1, refresh: 1, retry: 1, expire: 1, minimum: minimum)))
    }

    @Test("TC over UDP: the query is repeated over TCP and that answer is used")
    func truncation() async throws {
        try await ScriptedDNSServer.run({ query, transport in
            transport == .udp ? [.answer(Self.answer(query, truncated: true))]
                              : [.answer(Self.answer(query, records: [.ipv4Address(Self.genuine)]))]
        }) { server in
            let result = try await testResolver([server.address]).ipv4Addresses(of: name("big.example.test"))
            #expect(result == .found([Self.genuine]))
            #expect(server.queryCount(over: .udp) == 1)
            #expect(server.queryCount(over: .tcp) == 1)
        }
    }

    @Test("SERVFAIL is an error; the next server is asked and its answer used")
    func serverFailure() async throws {
        try await ScriptedDNSServer.run({ query, _ in [.answer(Self.answer(query, .serverFailure))] }) { failing in
            let lookupName = try name("a.example.test")
            await #expect(throws: DNSResolverError.errorResponse(.serverFailure, name: lookupName, type: .a)) {
                try await testResolver([failing.address]).ipv4Addresses(of: lookupName)
            }
            // A definite error answer is not asked again in a second round.
            #expect(failing.queryCount(over: .udp) == 1)
            try await ScriptedDNSServer.run({ query, _ in [.answer(Self.answer(query, records: [.ipv4Address(Self.genuine)]))] }) { working in
                let result = try await testResolver([failing.address, working.address]).ipv4Addresses(of: lookupName)
                #expect(result == .found([Self.genuine]))
            }
        }
    }

    @Test("forgeries from another port or with another ID are ignored; the genuine answer is taken")
    func forgeriesIgnored() async throws {
        try await ScriptedDNSServer.run({ query, _ in
            Self.forgeries(for: query) + [
                .pause(.milliseconds(150)),
                .answer(Self.answer(query, records: [.ipv4Address(Self.genuine)])),
            ]
        }) { server in
            let result = try await testResolver([server.address]).ipv4Addresses(of: name("a.example.test"))
            #expect(result == .found([Self.genuine]))
        }
    }

    @Test("with only forgeries arriving, the lookup times out")
    func onlyForgeries() async throws {
        try await ScriptedDNSServer.run({ query, _ in Self.forgeries(for: query) }) { server in
            let lookupName = try name("a.example.test")
            await #expect(throws: DNSResolverError.timedOut(name: lookupName, type: .a)) {
                try await testResolver([server.address], timeout: .milliseconds(300), attempts: 1).ipv4Addresses(of: lookupName)
            }
        }
    }

    @Test("an answer to another question, or garbage, from the server is reported as malformed")
    func malformedAnswers() async throws {
        try await ScriptedDNSServer.run({ query, _ in
            var other = Self.answer(query, records: [.ipv4Address(Self.forgedAddress)])
            other.questions = [DNSQuestion(name: DNSName.root, type: .a)]
            return [.answer(other)]
        }) { server in
            await #expect(throws: DNSResolverError.malformedResponse("\(server.address): the answer is for another question")) {
                try await testResolver([server.address], timeout: .milliseconds(300), attempts: 1).ipv4Addresses(of: name("a.example.test"))
            }
        }
        try await ScriptedDNSServer.run({ query, _ in
            // The right ID, then a header claiming one question and nothing behind it.
            [.raw([UInt8(query.header.id >> 8), UInt8(query.header.id & 0xFF), 0x81, 0x80, 0, 1, 0, 0, 0, 0, 0, 0])]
        }) { server in
            await #expect(throws: DNSResolverError.malformedResponse("\(server.address): the message ends inside a question name")) {
                try await testResolver([server.address], timeout: .milliseconds(300), attempts: 1).ipv4Addresses(of: name("a.example.test"))
            }
        }
    }

    @Test("CNAME chasing is bounded: loops and over-long chains fail")
    func aliasLimits() async throws {
        // a → b → a, one CNAME per answer, so the resolver has to chase across queries.
        try await ScriptedDNSServer.run({ query, _ in
            let next = query.questions.first?.name.labels.first == Array("a".utf8) ? "b" : "a"
            let target = DNSName(validatedLabels: [Array(next.utf8), Array("example".utf8), Array("test".utf8)])
            return [.answer(Self.answer(query, records: [.canonicalName(target)]))]
        }) { server in
            let start = try name("a.example.test")
            await #expect(throws: DNSResolverError.aliasLoop(start)) {
                try await testResolver([server.address]).ipv4Addresses(of: start)
            }
        }
        // c0 → c1 → c2 → …, never ending.
        try await ScriptedDNSServer.run({ query, _ in
            let label = query.questions.first?.name.labels.first ?? []
            let number = Int(String(decoding: label.dropFirst(), as: UTF8.self)) ?? 0
            let target = DNSName(validatedLabels: [Array("c\(number + 1)".utf8), Array("example".utf8), Array("test".utf8)])
            return [.answer(Self.answer(query, records: [.canonicalName(target)]))]
        }) { server in
            let start = try name("c0.example.test")
            await #expect(throws: DNSResolverError.aliasChainTooLong(start)) {
                try await testResolver([server.address]).ipv4Addresses(of: start)
            }
            #expect(server.queryCount(over: .udp) == 9)
        }
    }

    @Test("a server that rejects EDNS with FORMERR is asked again without it (RFC 6891 §7)")
    func ednsFallback() async throws {
        try await ScriptedDNSServer.run({ query, _ in
            guard query.edns == nil else {
                var refusal = Self.answer(query, .formatError)
                refusal.edns = nil
                return [.answer(refusal)]
            }
            return [.answer(Self.answer(query, records: [.ipv4Address(Self.genuine)]))]
        }) { server in
            let lookupName = try name("a.example.test")
            #expect(try await testResolver([server.address]).ipv4Addresses(of: lookupName) == .found([Self.genuine]))
            #expect(server.queryCount(over: .udp) == 2)
        }
    }

    @Test("negative answers are cached for min(SOA TTL, MINIMUM); without an SOA they are not cached")
    func negativeCaching() async throws {
        let clock = ManualClock()
        try await ScriptedDNSServer.run({ query, _ in
            let first = query.questions.first?.name.labels.first.map { String(decoding: $0, as: UTF8.self) }
            switch first {
            case "nx": return [.answer(Self.answer(query, .nameError, authorities: [Self.soa(ttl: 600, minimum: 60)]))]
            case "empty": return [.answer(Self.answer(query, authorities: [Self.soa(ttl: 45, minimum: 3600)]))]
            default: return [.answer(Self.answer(query, .nameError))]
            }
        }) { server in
            let resolver = testResolver([server.address], clock: clock.dnsClock)
            let missing = try name("nx.example.test")
            let empty = try name("empty.example.test")
            let unsigned = try name("nosoa.example.test")
            #expect(try await resolver.ipv4Addresses(of: missing) == .nameDoesNotExist)
            #expect(try await resolver.textRecords(of: empty) == .noData)
            #expect(try await resolver.ipv4Addresses(of: unsigned) == .nameDoesNotExist)
            #expect(server.queryCount(over: .udp) == 3)

            clock.advance(by: .seconds(44))
            #expect(try await resolver.ipv4Addresses(of: missing) == .nameDoesNotExist)
            #expect(try await resolver.textRecords(of: missing) == .nameDoesNotExist)
            #expect(try await resolver.textRecords(of: empty) == .noData)
            #expect(server.queryCount(over: .udp) == 3)
            #expect(try await resolver.ipv4Addresses(of: unsigned) == .nameDoesNotExist)
            #expect(server.queryCount(over: .udp) == 4)

            clock.advance(by: .seconds(1))
            #expect(try await resolver.textRecords(of: empty) == .noData)
            #expect(server.queryCount(over: .udp) == 5)
            clock.advance(by: .seconds(14))
            #expect(try await resolver.ipv4Addresses(of: missing) == .nameDoesNotExist)
            #expect(server.queryCount(over: .udp) == 5)
            clock.advance(by: .seconds(1))
            #expect(try await resolver.ipv4Addresses(of: missing) == .nameDoesNotExist)
            #expect(server.queryCount(over: .udp) == 6)

            resolver.removeAllCachedAnswers()
            #expect(try await resolver.textRecords(of: empty) == .noData)
            #expect(server.queryCount(over: .udp) == 7)
        }
    }

    @Test("each query has a fresh random ID and source port")
    func randomIDsAndPorts() async throws {
        let seen = QueryOrigins()
        let ports = try await ScriptedDNSServer.run({ query, _ in
            seen.add(id: query.header.id)
            return [.answer(Self.answer(query, records: [.ipv4Address(Self.genuine)]))]
        }) { server in
            let resolver = StubResolver(configuration: DNSResolverConfiguration(servers: [server.address], timeout: .seconds(10),
                                                                                maximumCacheEntries: 0))
            for _ in 0..<20 { _ = try await resolver.ipv4Addresses(of: name("a.example.test")) }
            return server.udpSourcePorts
        }
        // 20 draws from 65536 IDs (or from the ephemeral port range) rarely collide; a fixed
        // ID or a reused socket would give one value. A retransmission (a reply late on a
        // loaded machine) comes from a fresh socket too, so there may be more than 20.
        #expect(seen.distinctIDs >= 18)
        #expect(ports.count >= 20)
        #expect(Set(ports).count >= ports.count - 2)
    }
}

/// Collects the IDs of the queries a scripted server saw.
final class QueryOrigins: Sendable {
    private let ids = Locked<[UInt16]>([])
    func add(id: UInt16) { ids.withLock { $0.append(id) } }
    var distinctIDs: Int { ids.withLock { Set($0).count } }
}
