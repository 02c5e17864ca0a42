import Testing
@testable import MartletServer

@Suite("address:port parsing")
struct NetworkAddressTests {
    @Test("valid forms", arguments: [
        ("0.0.0.0:25", "0.0.0.0", 25),
        ("127.0.0.1:2525", "127.0.0.1", 2525),
        ("[::1]:143", "::1", 143),
        ("[::]:993", "::", 993),
        ("[2001:db8::1]:0", "2001:db8::1", 0),
    ])
    func valid(text: String, host: String, port: Int) throws {
        let address = try NetworkAddress(parsing: text)
        #expect(address.host == host)
        #expect(address.port == port)
        #expect(address.description == text)
    }

    @Test("invalid forms", arguments: [
        ("", NetworkAddressError.missingPort("")),
        ("0.0.0.0", .missingPort("0.0.0.0")),
        ("0.0.0.0:", .malformed("0.0.0.0:")),
        ("0.0.0.0:x", .malformed("0.0.0.0:x")),
        ("0.0.0.0:-1", .malformed("0.0.0.0:-1")),
        ("0.0.0.0:123456", .malformed("0.0.0.0:123456")),
        ("0.0.0.0:65536", .portOutOfRange(65536)),
        ("::1:143", .ipv6NeedsBrackets("::1:143")),
        ("[::1]143", .malformed("[::1]143")),
        ("[::1:143", .malformed("[::1:143")),
        ("256.0.0.1:25", .notAnIPAddress("256.0.0.1")),
        ("localhost:25", .notAnIPAddress("localhost")),
        ("[mail.example]:25", .notAnIPAddress("mail.example")),
    ])
    func invalid(text: String, error: NetworkAddressError) {
        #expect(throws: error) { try NetworkAddress(parsing: text) }
    }

    @Test("a default port applies only when none is written")
    func defaultPort() throws {
        #expect(try NetworkAddress(parsing: "192.0.2.1", defaultPort: 53).port == 53)
        #expect(try NetworkAddress(parsing: "[2001:db8::1]", defaultPort: 53).description == "[2001:db8::1]:53")
        #expect(try NetworkAddress(parsing: "192.0.2.1:5353", defaultPort: 53).port == 5353)
    }

    @Test("loopback detection")
    func loopback() throws {
        #expect(try NetworkAddress(parsing: "127.0.0.1:25").isLoopback)
        #expect(try NetworkAddress(parsing: "127.1.2.3:25").isLoopback)
        #expect(try NetworkAddress(parsing: "[::1]:25").isLoopback)
        #expect(try !NetworkAddress(parsing: "0.0.0.0:25").isLoopback)
        #expect(try !NetworkAddress(parsing: "[::]:25").isLoopback)
    }
}
