import Testing
@testable import DNSResolver

@Suite("IP addresses")
struct IPAddressTests {
    @Test("valid addresses parse to their octets", arguments: [
        ("192.0.2.1", [192, 0, 2, 1]),
        ("0.0.0.0", [0, 0, 0, 0]),
        ("255.255.255.255", [255, 255, 255, 255]),
        ("::", [UInt8](repeating: 0, count: 16)),
        ("::1", [UInt8](repeating: 0, count: 15) + [1]),
        ("2001:DB8::10", [0x20, 0x01, 0x0d, 0xb8] + [UInt8](repeating: 0, count: 11) + [0x10]),
        ("1:2:3:4:5:6:7:8", [0, 1, 0, 2, 0, 3, 0, 4, 0, 5, 0, 6, 0, 7, 0, 8]),
        ("1:2:3:4:5:6:7::", [0, 1, 0, 2, 0, 3, 0, 4, 0, 5, 0, 6, 0, 7, 0, 0]),
        ("::ffff:192.0.2.1", [UInt8](repeating: 0, count: 10) + [0xff, 0xff, 192, 0, 2, 1]),
    ] as [(String, [UInt8])])
    func valid(text: String, bytes: [UInt8]) {
        #expect(IPAddress(text)?.bytes == bytes)
    }

    @Test("invalid texts are refused", arguments: [
        "", "1.2.3", "1.2.3.4.5", "256.1.1.1", "01.2.3.4", "1.2.3.-4", "1.2.3.4 ", "a.b.c.d",
        ":::", "1::2::3", "1:2:3:4:5:6:7:8:9", "12345::", "1:2:3:4:5:6:7:8::", "::g", "1:2:3:4:5:6:7",
        "::1.2.3", "1.2.3.4::", "fe80::1%eth0", "١.٢.٣.٤",
    ])
    func invalid(text: String) {
        #expect(IPAddress(text) == nil)
    }

    @Test("IPv6 text is canonical (RFC 5952)", arguments: [
        ("2001:0DB8:0000:0000:0000:0000:0000:0001", "2001:db8::1"),
        ("2001:db8:0:0:1:0:0:1", "2001:db8::1:0:0:1"),
        ("2001:db8:0:1:1:1:1:1", "2001:db8:0:1:1:1:1:1"),
        ("0:0:0:0:0:0:0:0", "::"),
        ("::ffff:c000:0201", "::ffff:192.0.2.1"),
        ("1:0:0:2:0:0:0:3", "1:0:0:2::3"),
    ])
    func canonical(text: String, expected: String) {
        #expect(IPAddress(text)?.description == expected)
    }

    @Test("reverse names for PTR and DNSBL lookups")
    func reverseNames() throws {
        #expect(try address("192.0.2.10").reverseName().description == "10.2.0.192.in-addr.arpa")
        #expect(try address("2001:db8::10").reverseName().description
            == "0.1.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2.ip6.arpa")
        #expect(try address("192.0.2.99").reverseName(in: name("zen.example.org")).description
            == "99.2.0.192.zen.example.org")
    }
}
