import Testing
@testable import DNSResolver

@Suite("Server addresses and resolv.conf")
struct DNSServerAddressTests {
    @Test("host:port texts", arguments: [
        ("127.0.0.1:5353", "127.0.0.1:5353"),
        ("192.0.2.53", "192.0.2.53:53"),
        ("[::1]:5353", "[::1]:5353"),
        ("2001:db8::53", "[2001:db8::53]:53"),
        ("[2001:db8::53]", "[2001:db8::53]:53"),
    ])
    func parses(text: String, expected: String) throws {
        #expect(try DNSServerAddress(parsing: text).description == expected)
    }

    @Test("bad texts are refused", arguments: [
        ("dns.example.org:53", DNSServerAddressError.notAnIPAddress("dns.example.org")),
        ("127.0.0.1:0", .badPort("0")),
        ("127.0.0.1:65536", .badPort("65536")),
        ("127.0.0.1:", .badPort("")),
        ("127.0.0.1:+53", .badPort("+53")),
        ("[::1", .malformed("[::1")),
        ("[::1]53", .malformed("[::1]53")),
    ])
    func refuses(text: String, error: DNSServerAddressError) {
        #expect(throws: error) { try DNSServerAddress(parsing: text) }
    }

    @Test("resolv.conf: nameservers, options, comments, and what is skipped")
    func resolvConf() throws {
        let content = """
        # generated
        search example.org
        nameserver 192.0.2.53   # first
        ; a comment
        nameserver\t2001:db8::53
        nameserver fe80::1%eth0
        nameserver not-an-address
        nameserver 192.0.2.54
        nameserver 192.0.2.55
        options ndots:2 timeout:3 attempts:9 rotate
        """
        let parsed = ResolvConf(parsing: content)
        #expect(parsed.nameservers.map(\.description) == ["192.0.2.53:53", "[2001:db8::53]:53", "192.0.2.54:53"])
        #expect(parsed.timeoutSeconds == 3)
        #expect(parsed.attempts == 5)

        let configuration = DNSResolverConfiguration(resolvConf: parsed)
        #expect(configuration.servers == parsed.nameservers)
        #expect(configuration.timeout == .seconds(3))
        #expect(configuration.attempts == 5)
    }

    @Test("an empty resolv.conf means the local server")
    func emptyResolvConf() {
        let configuration = DNSResolverConfiguration(resolvConf: ResolvConf(parsing: "# nothing\n"))
        #expect(configuration.servers.map(\.description) == ["127.0.0.1:53"])
        #expect(configuration.attempts == 2)
    }

    @Test("a configuration list of host:port texts")
    func serverTexts() throws {
        let configuration = try DNSResolverConfiguration(serverTexts: ["127.0.0.1:5353", "[::1]:53"])
        #expect(configuration.servers.map(\.description) == ["127.0.0.1:5353", "[::1]:53"])
        #expect(throws: DNSServerAddressError.notAnIPAddress("localhost")) {
            try DNSResolverConfiguration(serverTexts: ["localhost:53"])
        }
    }

    @Test("reading a file that does not exist is a typed error")
    func missingFile() {
        #expect(throws: ResolvConfReadError.unreadable("/nonexistent/resolv.conf")) {
            try ResolvConf(contentsOfFile: "/nonexistent/resolv.conf")
        }
    }
}
