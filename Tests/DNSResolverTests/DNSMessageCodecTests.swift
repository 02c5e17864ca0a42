import Testing
@testable import DNSResolver

@Suite("Message encoding and decoding")
struct DNSMessageCodecTests {
    /// A response to "example.com MX" with two answers whose names are compressed.
    static let compressedMXResponse = """
        1234 8180 0001 0002 0000 0000
        076578616d706c6503636f6d00 000f 0001
        c00c 000f 0001 00000e10 0008 000a 036d7831 c00c
        c00c 000f 0001 00000e10 0008 0014 036d7832 c00c
        """

    @Test("a hand-made response with compression pointers")
    func compressedResponse() throws {
        let message = try DNSMessageDecoder.decode(hexBytes(Self.compressedMXResponse))
        #expect(message.header.id == 0x1234)
        #expect(message.header.isResponse && message.header.recursionDesired && message.header.recursionAvailable)
        #expect(!message.header.isTruncated && !message.header.isAuthoritativeAnswer)
        #expect(message.responseCode == .noError)
        #expect(message.questions == [DNSQuestion(name: try name("example.com"), type: .mx)])
        #expect(message.answers.map(\.data) == [
            .mailExchanger(MailExchanger(preference: 10, exchange: try name("mx1.example.com"))),
            .mailExchanger(MailExchanger(preference: 20, exchange: try name("mx2.example.com"))),
        ])
        #expect(message.answers.map(\.timeToLive) == [3600, 3600])
        #expect(message.edns == nil)
    }

    @Test("every record type survives encoding and decoding")
    func roundTrip() throws {
        let owner = try name("example.test")
        let message = DNSMessage(
            header: DNSHeader(id: 0xBEEF, isResponse: true, isAuthoritativeAnswer: true, isTruncated: true,
                              recursionDesired: false, recursionAvailable: true, authenticatedData: true,
                              checkingDisabled: true, responseCodeLowBits: 3),
            questions: [DNSQuestion(name: owner, type: .a)],
            answers: [
                DNSResourceRecord(name: owner, timeToLive: 1, data: .ipv4Address(try address("192.0.2.1"))),
                DNSResourceRecord(name: owner, timeToLive: 2, data: .ipv6Address(try address("2001:db8::1"))),
                DNSResourceRecord(name: owner, timeToLive: 3, data: .canonicalName(try name("target.example.test"))),
                DNSResourceRecord(name: owner, timeToLive: 4, data: .pointer(try name("host.example.test"))),
                DNSResourceRecord(name: owner, timeToLive: 5, data: .mailExchanger(MailExchanger(preference: 0, exchange: .root))),
                DNSResourceRecord(name: owner, timeToLive: 6, data: .text(TextRecord(["v=spf1 -all", "", String(repeating: "z", count: 255)]))),
                DNSResourceRecord(name: owner, timeToLive: 7, data: .tlsa(TLSARecord(certificateUsage: 3, selector: 1, matchingType: 1,
                                                                                     certificateAssociationData: Array(0..<32)))),
                DNSResourceRecord(name: owner, recordClass: 3, timeToLive: 8, data: .unknown(type: .a, data: [1, 2])),
                DNSResourceRecord(name: owner, timeToLive: 9, data: .unknown(type: DNSRecordType(rawValue: 65280), data: [0xde, 0xad])),
            ],
            authorities: [
                DNSResourceRecord(name: owner, timeToLive: 10, data: .startOfAuthority(StartOfAuthority(
                    primaryNameServer: try name("ns.example.test"), responsibleMailbox: try name("hostmaster.example.test"),
                    serial: 2024010101, refresh: 7200, retry: 900, expire: 1209600, minimum: 300))),
                DNSResourceRecord(name: owner, timeToLive: 11, data: .nameServer(try name("ns.example.test"))),
            ],
            additionals: [DNSResourceRecord(name: try name("ns.example.test"), timeToLive: 12,
                                            data: .ipv4Address(try address("192.0.2.53")))],
            edns: EDNSRecord(udpPayloadSize: 1232, extendedResponseCode: 1, version: 0, dnssecOK: true, options: [0, 10, 0, 0]))
        let decoded = try DNSMessageDecoder.decode(try DNSMessageEncoder.encode(message))
        #expect(decoded == message)
        #expect(decoded.responseCode == DNSResponseCode(rawValue: 0x13))
        #expect(decoded.responseCode.description == "RCODE19")
        #expect(decoded.answers[4].data == .mailExchanger(MailExchanger(preference: 0, exchange: .root)))
    }

    @Test("a query carries one question, RD, AD and the OPT record")
    func query() throws {
        let query = DNSMessage.query(id: 7, name: try name("example.test"), type: .txt, udpPayloadSize: 1232)
        let bytes = try DNSMessageEncoder.encode(query)
        #expect(bytes == (try hexBytes("""
            0007 0120 0001 0000 0000 0001
            076578616d706c650474657374 00 0010 0001
            00 0029 04d0 00000000 0000
            """)))
    }

    @Test("the extended response code combines header and OPT bits (RFC 6891 §6.1.3)")
    func extendedResponseCode() {
        var message = DNSMessage(header: DNSHeader(id: 1, isResponse: true))
        message.responseCode = .badVersion
        #expect(message.header.responseCodeLowBits == 0)
        #expect(message.edns?.extendedResponseCode == 1)
        #expect(message.responseCode == .badVersion)
        message.responseCode = .serverFailure
        #expect(message.responseCode == .serverFailure)
        #expect(message.responseCode.description == "SERVFAIL")
    }

    @Test("a TTL with the top bit set reads as zero (RFC 2181 §8)")
    func negativeTimeToLive() throws {
        let bytes = try hexBytes("""
            0001 8180 0000 0001 0000 0000
            00 0001 0001 80000000 0004 c0000201
            """)
        #expect(try DNSMessageDecoder.decode(bytes).answers.first?.timeToLive == 0)
    }

    @Test("TXT strings stay separate; joined text is their concatenation")
    func textStrings() throws {
        let bytes = try hexBytes("""
            0001 8180 0000 0001 0000 0000
            00 0010 0001 0000003c 000b 03616263 00 0564656667c3
            """)
        let answer = try #require(try DNSMessageDecoder.decode(bytes).answers.first)
        guard case .text(let record) = answer.data else {
            Issue.record("not a TXT record: \(answer.data)")
            return
        }
        #expect(record.strings == [Array("abc".utf8), [], Array("defg".utf8) + [0xc3]])
        #expect(record.texts == ["abc", "", "defg\u{FFFD}"])
        #expect(record.joinedText == "abcdefg\u{FFFD}")
    }
}
