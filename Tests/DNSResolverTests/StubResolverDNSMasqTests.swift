import NIOCore
import NIOPosix
import Testing
@testable import DNSResolver

/// The resolver against a real DNS server (dnsmasq) started on 127.0.0.1 by each test.
@Suite("Stub resolver against dnsmasq")
struct StubResolverDNSMasqTests {
    /// Twelve 200-octet strings: about 2.5 KB, more than any UDP answer here may carry.
    static let bigStrings = (0..<12).map { index in "\(index % 10)" + String(repeating: "x", count: 199) }
    static let tlsaDigest = (0..<32).map { UInt8($0 * 7 % 256) }

    static let records = [
        "--host-record=a.example.test,192.0.2.10,2001:db8::10",
        "--host-record=mx1.example.test,192.0.2.25",
        "--mx-host=example.test,mx2.example.test,20",
        "--mx-host=example.test,mx1.example.test,10",
        "--mx-host=example.test,mx0.example.test,30",
        "--txt-record=example.test,v=spf1 ip4:192.0.2.0/24 -all",
        "--txt-record=sel._domainkey.example.test,v=DKIM1; k=rsa; p=MIGf,second string",
        "--txt-record=big.example.test," + bigStrings.joined(separator: ","),
        "--cname=alias.example.test,a.example.test",
        "--cname=alias2.example.test,alias.example.test",
        "--cname=dangling.example.test,nothere.example.test",
        "--dns-rr=_25._tcp.mx1.example.test,52,030101" + tlsaDigest.map { twoHexDigits($0) }.joined(),
    ]

    @Test("A and AAAA")
    func addresses() async throws {
        try await DNSMasq.run(records: Self.records) { dnsmasq in
            let resolver = testResolver([dnsmasq.address])
            #expect(try await resolver.ipv4Addresses(of: name("a.example.test")) == .found([try address("192.0.2.10")]))
            #expect(try await resolver.ipv6Addresses(of: name("a.example.test")) == .found([try address("2001:db8::10")]))
            let set = try #require(try await resolver.resolve(name("a.example.test"), type: .a).value)
            // Served from the cache the first lookups filled: its TTL counts down with the
            // clock, by a second or so when the machine is loaded.
            let timeToLive = try #require(set.records.first?.timeToLive)
            #expect(timeToLive <= DNSMasq.timeToLive && timeToLive + 5 >= DNSMasq.timeToLive)
            #expect(set.canonicalName == (try name("a.example.test")))
        }
    }

    @Test("MX records sorted by preference")
    func mailExchangers() async throws {
        try await DNSMasq.run(records: Self.records) { dnsmasq in
            let result = try await testResolver([dnsmasq.address]).mailExchangers(of: name("example.test"))
            #expect(result == .found([
                MailExchanger(preference: 10, exchange: try name("mx1.example.test")),
                MailExchanger(preference: 20, exchange: try name("mx2.example.test")),
                MailExchanger(preference: 30, exchange: try name("mx0.example.test")),
            ]))
        }
    }

    @Test("TXT records keep their strings apart")
    func textRecords() async throws {
        try await DNSMasq.run(records: Self.records) { dnsmasq in
            let resolver = testResolver([dnsmasq.address])
            #expect(try await resolver.textRecords(of: name("example.test")) == .found([TextRecord(["v=spf1 ip4:192.0.2.0/24 -all"])]))
            let dkim = try await resolver.textRecords(of: name("sel._domainkey.example.test"))
            #expect(dkim == .found([TextRecord(["v=DKIM1; k=rsa; p=MIGf", "second string"])]))
            #expect(dkim.value?.first?.joinedText == "v=DKIM1; k=rsa; p=MIGfsecond string")
        }
    }

    @Test("an answer too big for UDP is fetched again over TCP", arguments: [UInt16(1232), nil])
    func truncatedOverUDP(payloadSize: UInt16?) async throws {
        try await DNSMasq.run(records: Self.records) { dnsmasq in
            var configuration = DNSResolverConfiguration(servers: [dnsmasq.address])
            configuration.ednsPayloadSize = payloadSize
            let result = try await StubResolver(configuration: configuration).textRecords(of: name("big.example.test"))
            #expect(result == .found([TextRecord(Self.bigStrings)]))
        }
    }

    @Test("PTR from IPv4 and IPv6 addresses")
    func pointers() async throws {
        try await DNSMasq.run(records: Self.records) { dnsmasq in
            let resolver = testResolver([dnsmasq.address])
            let host = try name("a.example.test")
            let (ipv4, ipv6, unnamed) = (try address("192.0.2.10"), try address("2001:db8::10"), try address("192.0.2.11"))
            #expect(try await resolver.pointerNames(for: ipv4) == .found([host]))
            #expect(try await resolver.pointerNames(for: ipv6) == .found([host]))
            #expect(try await resolver.pointerNames(for: unnamed) == .nameDoesNotExist)
        }
    }

    @Test("TLSA records")
    func tlsa() async throws {
        try await DNSMasq.run(records: Self.records) { dnsmasq in
            let result = try await testResolver([dnsmasq.address]).tlsaRecords(of: name("_25._tcp.mx1.example.test"))
            #expect(result == .found([TLSARecord(certificateUsage: 3, selector: 1, matchingType: 1,
                                                 certificateAssociationData: Self.tlsaDigest)]))
        }
    }

    @Test("CNAME chains: inside one answer, across queries, and to a name that does not exist")
    func aliases() async throws {
        try await DNSMasq.run(records: Self.records) { dnsmasq in
            let resolver = testResolver([dnsmasq.address])
            let direct = try #require(try await resolver.resolve(name("alias.example.test"), type: .a).value)
            #expect(direct.canonicalName == (try name("a.example.test")))
            #expect(direct.aliases.map(\.name) == [try name("alias.example.test")])
            #expect(direct.data == [.ipv4Address(try address("192.0.2.10"))])

            // dnsmasq answers alias2 with its CNAME only; the resolver asks again for the target.
            let twoSteps = try #require(try await resolver.resolve(name("alias2.example.test"), type: .aaaa).value)
            #expect(twoSteps.canonicalName == (try name("a.example.test")))
            #expect(twoSteps.aliases.map(\.name) == [try name("alias2.example.test"), try name("alias.example.test")])
            #expect(twoSteps.data == [.ipv6Address(try address("2001:db8::10"))])

            #expect(try await resolver.ipv4Addresses(of: name("dangling.example.test")) == .nameDoesNotExist)
            // Asking for the CNAME itself does not follow it.
            let cname = try await resolver.resolve(name("alias2.example.test"), type: .cname)
            #expect(cname.value?.data == [.canonicalName(try name("alias.example.test"))])
        }
    }

    @Test("NXDOMAIN, no data, and REFUSED are told apart")
    func negativeOutcomes() async throws {
        try await DNSMasq.run(records: Self.records) { dnsmasq in
            let resolver = testResolver([dnsmasq.address])
            #expect(try await resolver.ipv4Addresses(of: name("nx.example.test")) == .nameDoesNotExist)
            #expect(try await resolver.textRecords(of: name("a.example.test")) == .noData)
            #expect(try await resolver.mailExchangers(of: name("a.example.test")) == .noData)
            // dnsmasq is authoritative for example.test only and refuses other names.
            let outside = try name("example.org")
            await #expect(throws: DNSResolverError.errorResponse(.refused, name: outside, type: .a)) {
                try await resolver.ipv4Addresses(of: outside)
            }
        }
    }

    @Test("a server that never answers times out; the next server is then asked")
    func timeoutAndNextServer() async throws {
        try await SilentServer.run { silent in
            let alone = testResolver([silent.address], timeout: .milliseconds(200), attempts: 2)
            let lookupName = try name("a.example.test")
            await #expect(throws: DNSResolverError.timedOut(name: lookupName, type: .a)) {
                try await alone.ipv4Addresses(of: lookupName)
            }
            try await DNSMasq.run(records: Self.records) { dnsmasq in
                // The silent server costs one timeout; dnsmasq then has as long to answer, which
                // a loaded machine (the suite under a sanitizer) needs.
                let withFallback = testResolver([silent.address, dnsmasq.address], timeout: .seconds(2), attempts: 3)
                let expected = try address("192.0.2.10")
                #expect(try await withFallback.ipv4Addresses(of: lookupName) == .found([expected]))
            }
        }
    }

    @Test("a closed port is reported as a network failure, not waited out")
    func closedPort() async throws {
        let closed = try await SilentServer.run { $0.address }
        let resolver = testResolver([closed], timeout: .seconds(30), attempts: 1)
        await #expect {
            try await resolver.ipv4Addresses(of: name("a.example.test"))
        } throws: { error in
            if case .networkFailure = error as? DNSResolverError { return true }
            return false
        }
    }

    @Test("answers, name errors and no-data answers are cached for their TTLs")
    func cacheFollowsTimeToLive() async throws {
        let clock = ManualClock()
        let aName = try name("a.example.test")
        let missing = try name("nx.example.test")
        let unconfigured = testResolver([], clock: clock.dnsClock)
        let expected = try address("192.0.2.10")
        let cached = try await DNSMasq.run(records: Self.records) { (dnsmasq: DNSMasq) async throws -> StubResolver in
            let cached = testResolver([dnsmasq.address], clock: clock.dnsClock, timeout: .seconds(1), attempts: 1)
            #expect(try await cached.ipv4Addresses(of: aName) == .found([expected]))
            #expect(try await cached.ipv4Addresses(of: missing) == .nameDoesNotExist)
            #expect(try await cached.textRecords(of: aName) == .noData)
            return cached
        }
        // dnsmasq is gone: what is still within its TTL comes from the cache.
        clock.advance(by: .seconds(Int64(DNSMasq.timeToLive) - 1))
        let set = try #require(try await cached.resolve(aName, type: .a).value)
        #expect(set.records.map(\.timeToLive) == [1])
        #expect(try await cached.ipv4Addresses(of: missing) == .nameDoesNotExist)
        // A name error holds for every type of the name (RFC 2308 §5).
        #expect(try await cached.mailExchangers(of: missing) == .nameDoesNotExist)
        #expect(try await cached.textRecords(of: aName) == .noData)
        // Once the TTLs have run out the server is asked again, and it is not there: its closed
        // port is reported at once (or, on a slow machine, the query times out).
        clock.advance(by: .seconds(1))
        for (lookupName, type) in [(aName, DNSRecordType.a), (missing, .a), (aName, .txt)] {
            await #expect {
                try await cached.resolve(lookupName, type: type)
            } throws: { error in
                switch error as? DNSResolverError {
                case .networkFailure, .timedOut(lookupName, type): true
                default: false
                }
            }
        }
        await #expect(throws: DNSResolverError.noServersConfigured) { try await unconfigured.resolve(aName, type: .a) }
    }
}

/// A UDP socket on 127.0.0.1 that receives queries and never answers.
struct SilentServer {
    let channel: any Channel
    var address: DNSServerAddress { DNSServerAddress(address: loopbackAddress, port: UInt16(channel.localAddress?.port ?? 0)) }

    @discardableResult
    static func run<Result>(_ body: (SilentServer) async throws -> Result) async throws -> Result {
        let channel = try await DatagramBootstrap(group: MultiThreadedEventLoopGroup.singleton).bind(host: "127.0.0.1", port: 0).get()
        return try await using(SilentServer(channel: channel), cleanup: { try? await $0.channel.close() }, body)
    }
}

/// `value` as two hex digits.
func twoHexDigits(_ value: UInt8) -> String {
    (value < 16 ? "0" : "") + String(value, radix: 16)
}
