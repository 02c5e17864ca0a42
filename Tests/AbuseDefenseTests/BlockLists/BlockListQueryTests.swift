import DNSResolver
import Testing
@testable import AbuseDefense

@Suite("Block list query names")
struct BlockListQueryTests {
    @Test("IPv4: the octets reversed under the zone (RFC 5782 §2.1)")
    func ipv4() throws {
        let name = try BlockListQuery.name(for: #require(IPAddress("192.0.2.99")), in: DNSName("zen.example"))
        #expect(name.description == "99.2.0.192.zen.example")
    }

    @Test("IPv6: the 32 nibbles reversed under the zone (RFC 5782 §2.4)")
    func ipv6() throws {
        let name = try BlockListQuery.name(for: #require(IPAddress("2001:db8:1:2::abcd")), in: DNSName("zen.example"))
        #expect(name.description == "d.c.b.a.0.0.0.0.0.0.0.0.0.0.0.0.2.0.0.0.1.0.0.0.8.b.d.0.1.0.0.2.zen.example")
        #expect(name.labels.count == 32 + 2)
    }

    @Test("An IPv4-mapped IPv6 client is looked up as its IPv4 address")
    func mappedIPv4() throws {
        let name = try BlockListQuery.name(for: #require(IPAddress("::ffff:198.51.100.7")), in: DNSName("bl.example"))
        #expect(name.description == "7.100.51.198.bl.example")
    }

    @Test("Zones: invalid names are refused, names are kept in lower case")
    func zones() {
        #expect(BlockListZone("") == nil)
        #expect(BlockListZone("bad..name") == nil)
        #expect(BlockListZone("ZEN.Example")?.displayName == "zen.example")
    }
}
