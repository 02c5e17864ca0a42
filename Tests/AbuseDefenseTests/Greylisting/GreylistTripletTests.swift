import DNSResolver
import Testing
@testable import AbuseDefense

@Suite("Greylist triplets")
struct GreylistTripletTests {
    @Test("IPv4 clients are keyed by their /24, IPv6 by their /64, mapped IPv4 as IPv4")
    func networks() throws {
        func network(_ text: String) throws -> String {
            GreylistTriplet(client: try #require(IPAddress(text)), sender: "", recipient: "").clientNetwork
        }
        #expect(try network("192.0.2.99") == "192.0.2.0/24")
        #expect(try network("2001:db8:1:2:aaaa::5") == "2001:db8:1:2::/64")
        #expect(try network("::ffff:198.51.100.7") == "198.51.100.0/24")
    }

    @Test("Senders and recipients in lower case; the null sender is empty; neighbours share a key")
    func keys() throws {
        let one = GreylistTriplet(client: try #require(IPAddress("192.0.2.1")), sender: "Alice@Example.ORG", recipient: "Bob@Local.Test")
        let two = GreylistTriplet(client: try #require(IPAddress("192.0.2.200")), sender: "alice@example.org", recipient: "bob@local.test")
        #expect(one.key == two.key)
        #expect(one.key == "192.0.2.0/24 alice@example.org bob@local.test")
        #expect(one.clientKey == "client:192.0.2.0/24")
        let bounce = GreylistTriplet(client: try #require(IPAddress("192.0.2.1")), sender: "", recipient: "bob@local.test")
        #expect(bounce.key == "192.0.2.0/24  bob@local.test")
        #expect(bounce.key != one.key)
    }
}
