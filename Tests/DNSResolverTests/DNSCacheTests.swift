import Testing
@testable import DNSResolver

@Suite("The answer cache")
struct DNSCacheTests {
    static func found(_ owner: DNSName, ttl: UInt32) throws -> DNSLookupResult<DNSRecordSet> {
        .found(DNSRecordSet(name: owner, canonicalName: owner, records: [
            DNSResourceRecord(name: owner, timeToLive: ttl, data: .ipv4Address(try address("192.0.2.1")))]))
    }

    @Test("entries live for their TTL and report what remains of it")
    func expiry() throws {
        var cache = DNSCache(maximumEntries: 10)
        let owner = try name("a.example.test")
        cache.store(try Self.found(owner, ttl: 300), name: owner, type: .a, timeToLive: 300, now: .seconds(100))
        #expect(cache.lookup(try name("A.EXAMPLE.TEST"), type: .a, now: .seconds(100)) == (try Self.found(owner, ttl: 300)))
        #expect(cache.lookup(owner, type: .a, now: .seconds(399)) == (try Self.found(owner, ttl: 1)))
        #expect(cache.lookup(owner, type: .aaaa, now: .seconds(101)) == nil)
        #expect(cache.lookup(owner, type: .a, now: .seconds(400)) == nil)
        #expect(cache.count == 0)
    }

    @Test("a name error stored for every type answers every type; no data only its own")
    func negativeEntries() throws {
        var cache = DNSCache(maximumEntries: 10)
        let missing = try name("nx.example.test")
        let empty = try name("empty.example.test")
        cache.store(.nameDoesNotExist, name: missing, type: .a, forEveryType: true, timeToLive: 60, now: .zero)
        cache.store(.noData, name: empty, type: .txt, timeToLive: 60, now: .zero)
        #expect(cache.lookup(missing, type: .mx, now: .seconds(59)) == .nameDoesNotExist)
        #expect(cache.lookup(empty, type: .txt, now: .seconds(59)) == .noData)
        #expect(cache.lookup(empty, type: .a, now: .seconds(59)) == nil)
        #expect(cache.lookup(missing, type: .mx, now: .seconds(60)) == nil)
    }

    @Test("a zero TTL or a zero-sized cache stores nothing")
    func nothingStored() throws {
        let owner = try name("a.example.test")
        var cache = DNSCache(maximumEntries: 10)
        cache.store(.noData, name: owner, type: .a, timeToLive: 0, now: .zero)
        #expect(cache.count == 0)
        var off = DNSCache(maximumEntries: 0)
        off.store(.noData, name: owner, type: .a, timeToLive: 60, now: .zero)
        #expect(off.count == 0)
    }

    @Test("the cache never holds more than its bound; the oldest entries go first")
    func bounded() throws {
        var cache = DNSCache(maximumEntries: 100)
        for index in 0..<1_000 {
            let owner = try name("host\(index).example.test")
            cache.store(.noData, name: owner, type: .a, timeToLive: 3600, now: .seconds(Int64(index)))
            #expect(cache.count <= 100)
        }
        #expect(cache.count == 100)
        #expect(cache.lookup(try name("host899.example.test"), type: .a, now: .seconds(1_000)) == nil)
        #expect(cache.lookup(try name("host900.example.test"), type: .a, now: .seconds(1_000)) == .noData)
        #expect(cache.lookup(try name("host999.example.test"), type: .a, now: .seconds(1_000)) == .noData)
    }

    @Test("overwriting one key many times neither grows the cache nor evicts others")
    func overwrites() throws {
        var cache = DNSCache(maximumEntries: 3)
        let kept = try name("kept.example.test")
        let busy = try name("busy.example.test")
        cache.store(.noData, name: kept, type: .a, timeToLive: 86_400, now: .zero)
        for second in 0..<10_000 {
            cache.store(.noData, name: busy, type: .a, timeToLive: 3600, now: .seconds(Int64(second)))
        }
        #expect(cache.count == 2)
        #expect(cache.lookup(kept, type: .a, now: .seconds(10_000)) == .noData)
    }
}
