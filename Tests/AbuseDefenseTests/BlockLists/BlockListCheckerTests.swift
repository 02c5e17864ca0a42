import DNSResolver
import Testing
@testable import AbuseDefense

/// A resolver answering from a table ("name TYPE" → records), failing for names in
/// `failing`, and never answering (until cancelled) for names in `silent`.
private struct BlockListResolver: DNSResolving {
    var answers: [String: [DNSRecordData]] = [:]
    var failing: Set<String> = []
    var silent: Set<String> = []

    func resolve(_ name: DNSName, type: DNSRecordType) async throws(DNSResolverError) -> DNSLookupResult<DNSRecordSet> {
        let key = "\(name.lowercased())"
        if failing.contains(key) { throw .errorResponse(.serverFailure, name: name, type: type) }
        if silent.contains(key) {
            while !Task.isCancelled { try? await Task.sleep(for: .milliseconds(10)) }
            throw .timedOut(name: name, type: type)
        }
        guard let data = answers["\(key) \(type)"] else { return .nameDoesNotExist }
        return .found(DNSRecordSet(name: name, canonicalName: name,
                                   records: data.map { DNSResourceRecord(name: name, timeToLive: 60, data: $0) }))
    }
}

@Suite("Block list checks")
struct BlockListCheckerTests {
    static let client = IPAddress("192.0.2.99")!
    static func a(_ text: String) -> DNSRecordData { .ipv4Address(IPAddress(text)!) }

    @Test("A listed client: every listing zone is named, with its TXT reason; others are not")
    func listed() async throws {
        var resolver = BlockListResolver()
        resolver.answers["99.2.0.192.zen.example A"] = [Self.a("127.0.0.2")]
        resolver.answers["99.2.0.192.zen.example TXT"] = [.text(TextRecord(["see https://zen.example/why"]))]
        resolver.answers["99.2.0.192.other.example A"] = [Self.a("127.0.0.4")]
        let spamSource = try #require(IPAddress("127.0.0.2"))
        let zones = try [#require(BlockListZone("zen.example", returnCodes: [spamSource: "spam source"])),
                         #require(BlockListZone("clean.example")), #require(BlockListZone("other.example"))]
        let report = await BlockListChecker(zones: zones, resolver: resolver, timeout: .seconds(30)).check(Self.client)
        #expect(report.listings == [
            BlockListing(zone: "zen.example", codes: [IPAddress("127.0.0.2")!], meanings: ["spam source"],
                         reason: "see https://zen.example/why"),
            BlockListing(zone: "other.example", codes: [IPAddress("127.0.0.4")!], meanings: ["127.0.0.4"]),
        ])
        #expect(report.failures.isEmpty)
        #expect(report.listings.first?.description == "zen.example (spam source)")
    }

    @Test("An unlisted client (NXDOMAIN everywhere) is not listed")
    func notListed() async throws {
        let zones = try [#require(BlockListZone("zen.example"))]
        let report = await BlockListChecker(zones: zones, resolver: BlockListResolver(), timeout: .seconds(30))
            .check(IPAddress("2001:db8::1")!)
        #expect(report == BlockListReport())
        #expect(!report.isListed)
    }

    @Test("DNS failures, refusal codes and silence fail open, and are reported")
    func failuresFailOpen() async throws {
        var resolver = BlockListResolver()
        resolver.failing = ["99.2.0.192.broken.example"]
        resolver.silent = ["99.2.0.192.slow.example"]
        resolver.answers["99.2.0.192.public.example A"] = [Self.a("127.255.255.254")]
        resolver.answers["99.2.0.192.zen.example A"] = [Self.a("127.0.0.2")]
        let zones = try ["broken.example", "slow.example", "public.example", "zen.example"]
            .map { try #require(BlockListZone($0)) }
        let report = await BlockListChecker(zones: zones, resolver: resolver, timeout: .milliseconds(300)).check(Self.client)
        #expect(report.listings.map(\.zone) == ["zen.example"])
        #expect(report.failures.map(\.zone) == ["broken.example", "slow.example", "public.example"])
        #expect(report.failures[1].reason.contains("no answer"))
        #expect(report.failures[2].reason.contains("127.255.255.254"))
    }

    @Test("No zones: nothing is looked up")
    func noZones() async {
        var resolver = BlockListResolver()
        resolver.failing = ["99.2.0.192.zen.example"]
        let report = await BlockListChecker(zones: [], resolver: resolver, timeout: .seconds(1)).check(Self.client)
        #expect(report == BlockListReport())
    }
}
