import DNSResolver
import Foundation
import MailAuth
import Testing

/// The `Received-SPF:` header field (RFC 7208 §9.1).
@Suite struct ReceivedSPFFieldTests {
    static func render(_ evaluation: SPFEvaluation, client: String = "192.0.2.3", helo: String = "mail.example.org",
                       envelopeFrom: String = "user@example.org") -> String {
        ReceivedSPFField.render(evaluation, client: IPAddress(client)!, helo: helo, envelopeFrom: envelopeFrom,
                                receiver: "mx.receiver.example")
    }

    static let pass = SPFEvaluation(result: .pass, domain: "example.org", sender: "user@example.org",
                                    identity: .mailFrom, mechanism: "ip4:192.0.2.0/24", dnsLookupCount: 0)

    /// Every line at most 78 characters, each ended by CRLF, no bare CR or LF, continuation
    /// lines starting with a space.
    static func checkShape(_ field: String) {
        let bytes = Array(field.utf8)
        #expect(bytes.suffix(2) == [0x0D, 0x0A])
        let lines = field.utf8.split(separator: 0x0A, omittingEmptySubsequences: false).dropLast()
        for (index, line) in lines.enumerated() {
            #expect(line.last == 0x0D)
            #expect(line.count - 1 <= 78, "line \(index) is \(line.count - 1) long")
            #expect(!line.dropLast().contains(0x0D))
            if index > 0 { #expect(line.first == UInt8(ascii: " ")) }
        }
    }

    static func unfolded(_ field: String) -> String {
        String(decoding: field.utf8.dropLast(2), as: UTF8.self).replacingOccurrences(of: "\r\n", with: "")
    }

    @Test func passField() {
        let field = Self.render(Self.pass)
        Self.checkShape(field)
        #expect(field == "Received-SPF: pass (mx.receiver.example: domain of user@example.org designates\r\n"
                + " 192.0.2.3 as permitted sender) client-ip=192.0.2.3;\r\n"
                + " envelope-from=\"user@example.org\"; helo=mail.example.org;\r\n"
                + " mechanism=\"ip4:192.0.2.0/24\"; receiver=mx.receiver.example;\r\n"
                + " identity=mailfrom;\r\n")
    }

    @Test func commentPerResult() {
        let expectations: [(SPFResult, String)] = [
            (.fail, "(mx.receiver.example: domain of user@example.org does not designate 192.0.2.3 as permitted sender)"),
            (.softfail, "(mx.receiver.example: domain of transitioning user@example.org does not designate 192.0.2.3 as permitted sender)"),
            (.neutral, "(mx.receiver.example: 192.0.2.3 is neither permitted nor denied by domain of user@example.org)"),
            (.none, "(mx.receiver.example: domain of user@example.org does not designate permitted sender hosts)"),
            (.temperror, "(mx.receiver.example: error in processing during lookup of user@example.org: DNS timed out)"),
            (.permerror, "(mx.receiver.example: permanent error in processing domain of user@example.org: DNS timed out)"),
        ]
        for (result, comment) in expectations {
            let evaluation = SPFEvaluation(result: result, domain: "example.org", sender: "user@example.org", identity: .mailFrom,
                                           problem: result == .temperror || result == .permerror ? "DNS timed out" : nil)
            let field = Self.render(evaluation)
            Self.checkShape(field)
            #expect(Self.unfolded(field).hasPrefix("Received-SPF: \(result.rawValue) \(comment) client-ip=192.0.2.3;"))
        }
    }

    @Test func heloIdentityAndProblem() {
        let evaluation = SPFEvaluation(result: .permerror, domain: "mail.example.org", sender: "postmaster@mail.example.org",
                                       identity: .helo, problem: "the record has \"moo\" (an unknown term)")
        let field = Self.unfolded(Self.render(evaluation, envelopeFrom: ""))
        #expect(field.contains("processing domain of mail.example.org: the record has \"moo\" \\(an unknown term\\))"))
        #expect(field.contains(" envelope-from=\"\";"))
        #expect(field.contains(" problem=\"the record has \\\"moo\\\" (an unknown term)\";"))
        #expect(field.hasSuffix(" identity=helo;"))
    }

    @Test func nullSenderCommentNamesPostmaster() {
        let evaluation = SPFEvaluation(result: .pass, domain: "mail.example.org", sender: "postmaster@mail.example.org", identity: .mailFrom)
        #expect(Self.unfolded(Self.render(evaluation, envelopeFrom: "")).contains("domain of postmaster@mail.example.org designates"))
    }

    @Test func ipv6ClientIsQuoted() {
        let field = Self.unfolded(Self.render(Self.pass, client: "2001:db8::1"))
        #expect(field.contains(" client-ip=\"2001:db8::1\";"))
        let mapped = Self.unfolded(Self.render(Self.pass, client: "::ffff:192.0.2.3"))
        #expect(mapped.contains(" client-ip=192.0.2.3;"))
    }

    @Test func hostileValuesCannotBreakTheField() {
        let helo = "evil\r\nX-Injected: yes (\u{0}) \"quoted\"\\"
        let field = Self.render(Self.pass, helo: helo, envelopeFrom: "a\"b\\c@example.org")
        Self.checkShape(field)
        #expect(!field.contains("\r\nX-Injected"))
        let unfolded = Self.unfolded(field)
        #expect(unfolded.contains(" helo=\"evil??X-Injected: yes (?) \\\"quoted\\\"\\\\\";"))
        #expect(unfolded.contains(" envelope-from=\"a\\\"b\\\\c@example.org\";"))
    }

    @Test func longValuesAreFoldedAndBounded() {
        let longLocal = String(repeating: "l", count: 60)
        let field = Self.render(Self.pass, helo: String(repeating: "h", count: 5000) + ".example", envelopeFrom: longLocal + "@example.org")
        #expect(field.utf8.split(separator: 0x0A).allSatisfy { $0.count <= 300 })
        #expect(field.hasSuffix("identity=mailfrom;\r\n"))
        // A long problem text folds at its spaces (and is kept whole below 256 characters).
        let problem = Array(repeating: "word", count: 40).joined(separator: " ")
        let permerror = SPFEvaluation(result: .permerror, domain: "example.org", sender: "user@example.org",
                                      identity: .mailFrom, problem: problem)
        let folded = Self.render(permerror)
        Self.checkShape(folded)
        #expect(Self.unfolded(folded).contains("(mx.receiver.example: permanent error in processing domain of user@example.org: \(problem))"))
    }
}
