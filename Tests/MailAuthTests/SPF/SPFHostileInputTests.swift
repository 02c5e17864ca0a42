import DNSResolver
import MailAuth
import Testing
import TestSupport

/// Records and identities built to hurt: nothing may crash, loop or grow without bound.
@Suite struct SPFHostileInputTests {
    typealias DNS = SPFTestDNS

    @Test func randomRecordsNeverCrash() async {
        var generator = SeededGenerator(seed: 7208)
        let alphabet = Array("v=spf1 -~?+:/.%{}_allincludeamxptrip4ip6exists0123456789slodipvhcrtR,=redirectexp\r\u{0}\u{80}".utf8)
        for _ in 0..<500 {
            let length = Int.random(in: 0...80, using: &generator)
            var bytes = Array("v=spf1 ".utf8)
            for _ in 0..<length { bytes.append(alphabet[Int.random(in: 0..<alphabet.count, using: &generator)]) }
            let record: DNS.Answer = .records([.text(TextRecord(strings: [bytes]))])
            let (evaluation, queries) = await DNS.check(["example.org TXT": record])
            #expect(evaluation.dnsLookupCount <= 10)
            #expect(queries.count <= 1 + 10 * 12)
        }
    }

    @Test func hugeExpansionsAreCutToAQueryableName() async {
        let longLocalPart = String(repeating: "abcdefgh.", count: 200) + "x"
        let record = "v=spf1 " + Array(repeating: "exists:%{l}%{l}%{l}%{l}.%{s}.%{l}.example.org", count: 2).joined(separator: " ") + " -all"
        let (verifier, table) = DNS.verifier(["example.org TXT": DNS.txt(record)])
        let evaluation = await verifier.checkHost(client: DNS.ip("192.0.2.3"), domain: "example.org",
                                                  sender: longLocalPart + "@example.org", helo: "helo.example.net")
        #expect(evaluation.result == .fail)
        let names = table.queries.dropFirst().map { $0.dropLast(2) }
        #expect(names.count == 2)
        #expect(names.allSatisfy { $0.utf8.count <= 253 && $0.hasSuffix(".example.org") })
    }

    @Test func validatedNamesAreLookedUpOncePerCheck() async {
        let zone: [String: DNS.Answer] = [
            "example.org TXT": DNS.txt("v=spf1 exists:%{p}.a.example.org exists:%{p}.b.example.org -all exp=%{p}.why.example.org"),
            "3.2.0.192.in-addr.arpa PTR": DNS.ptr("mail.example.org"),
            "mail.example.org A": DNS.a("192.0.2.3"),
            "mail.example.org.why.example.org TXT": DNS.txt("%{p} is not allowed"),
        ]
        let (evaluation, queries) = await DNS.check(zone)
        #expect(evaluation.explanation == "mail.example.org is not allowed")
        #expect(queries.filter { $0.hasSuffix(" PTR") }.count == 1)
        #expect(queries.contains("mail.example.org.b.example.org A"))
    }

    @Test func oddIdentitiesAreHandled() async {
        let (verifier, _) = DNS.verifier([:])
        for mailFrom in ["@", "no-at-sign", "a@b@c", "<>", "<", "user@", "user@.", "user@\u{1F600}.example"] {
            let evaluation = await verifier.checkMailFrom(client: DNS.ip("192.0.2.3"), helo: "", mailFrom: mailFrom)
            #expect(evaluation.result == .none, "\(mailFrom)")
        }
    }
}
