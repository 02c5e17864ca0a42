import Testing
@testable import DNSResolver

@Suite("Hostile and malformed messages")
struct MalformedMessageTests {
    @Test("each malformation is a typed error", arguments: [
        // Header cut short.
        ("1234 8180 0001", DNSDecodingError.truncated("the header")),
        // Huge counts with nothing behind them.
        ("1234 8180 ffff ffff ffff ffff", .truncated("a question name")),
        ("1234 8180 0000 ffff 0000 0000 00 0001 0001 00000000 0000", .badRecordData(type: .a, reason: "RDATA is 0 octets, not 4")),
        // A pointer to itself: the classic compression loop.
        ("1234 8180 0001 0000 0000 0000 c00c 0001 0001", .badCompressionPointer(offset: 12, target: 12)),
        // A label, then a pointer back to the start of the same name: a.a.a.a…
        ("1234 8180 0001 0000 0000 0000 0161 c00c 0001 0001", .badCompressionPointer(offset: 14, target: 12)),
        // A pointer forwards.
        ("1234 8180 0001 0000 0000 0000 c00e 00 0001 0001", .badCompressionPointer(offset: 12, target: 14)),
        // A pointer cut in half.
        ("1234 8180 0001 0000 0000 0000 c0", .truncated("a question name")),
        // A label running past the end.
        ("1234 8180 0001 0000 0000 0000 0561 62", .truncated("a question name")),
        // Reserved label types 01 and 10.
        ("1234 8180 0001 0000 0000 0000 41 0001 0001", .reservedLabelType(0x41)),
        ("1234 8180 0001 0000 0000 0000 81 0001 0001", .reservedLabelType(0x81)),
        // RDATA longer than the message.
        ("1234 8180 0000 0001 0000 0000 00 0001 0001 00000000 0064 c0000201", .truncated("the RDATA of a A record in the answer section")),
        // Wrong sizes for A and AAAA.
        ("1234 8180 0000 0001 0000 0000 00 0001 0001 00000000 0005 c000020100", .badRecordData(type: .a, reason: "RDATA is 5 octets, not 4")),
        ("1234 8180 0000 0001 0000 0000 00 001c 0001 00000000 0004 c0000201", .badRecordData(type: .aaaa, reason: "RDATA is 4 octets, not 16")),
        // A TXT string longer than its RDATA.
        ("1234 8180 0000 0001 0000 0000 00 0010 0001 00000000 0003 056162 00", .truncated("the RDATA of a TXT record")),
        // An MX whose exchange runs into the next record.
        ("1234 8180 0000 0001 0000 0000 00 000f 0001 00000000 0003 000a 02 6162 00", .truncated("the RDATA of a MX record")),
        // An MX with an octet left over after the exchange.
        ("1234 8180 0000 0001 0000 0000 00 000f 0001 00000000 0004 000a 00 ff", .badRecordData(type: .mx, reason: "1 octets left over in the RDATA")),
        // An SOA without its five numbers.
        ("1234 8180 0000 0001 0000 0000 00 0006 0001 00000000 0002 00 00", .truncated("the RDATA of a SOA record")),
        // A TLSA shorter than its fixed fields.
        ("1234 8180 0000 0001 0000 0000 00 0034 0001 00000000 0002 0301", .badRecordData(type: .tlsa, reason: "RDATA is shorter than 3 octets")),
        // Two OPT records, and an OPT record not owned by the root.
        ("1234 8180 0000 0000 0000 0002 00 0029 1000 00000000 0000 00 0029 1000 00000000 0000", .badOPTRecord("the message has more than one")),
        ("1234 8180 0000 0000 0000 0001 0161 00 0029 1000 00000000 0000", .badOPTRecord("its owner is not the root")),
    ])
    func malformed(hex: String, error: DNSDecodingError) throws {
        let bytes = try hexBytes(hex)
        #expect(throws: error) { try DNSMessageDecoder.decode(bytes) }
    }

    @Test("a name longer than 255 octets once decompressed is refused")
    func nameTooLong() throws {
        let label = "3f" + String(repeating: "78", count: 63)
        let bytes = try hexBytes("1234 8180 0001 0000 0000 0000" + String(repeating: label, count: 4) + "00 0001 0001")
        #expect(throws: DNSDecodingError.nameTooLong) { try DNSMessageDecoder.decode(bytes) }
    }

    @Test("a chain of backward pointers longer than a name can be is refused")
    func pointerChain() throws {
        // Question 0 is the root; question k's name points at question k-1's name.
        var hex = "1234 8180 00c8 0000 0000 0000 00 0001 0001"
        var previous = 12
        for index in 1..<200 {
            let offset = 17 + (index - 1) * 6
            hex += fourHexDigits(0xC000 | previous) + " 0001 0001"
            previous = offset
        }
        #expect(throws: DNSDecodingError.tooManyCompressionPointers) { try DNSMessageDecoder.decode(try hexBytes(hex)) }
        // The same chain, short enough, decodes: every question is the root.
        var short = "1234 8180 0010 0000 0000 0000 00 0001 0001"
        previous = 12
        for index in 1..<16 {
            short += fourHexDigits(0xC000 | previous) + " 0001 0001"
            previous = 17 + (index - 1) * 6
        }
        let message = try DNSMessageDecoder.decode(try hexBytes(short))
        #expect(message.questions.count == 16)
        #expect(message.questions.allSatisfy { $0.name.isRoot })
    }

    @Test("a message longer than 65535 octets is refused")
    func tooLong() {
        #expect(throws: DNSDecodingError.messageTooLong(65_536)) {
            try DNSMessageDecoder.decode([UInt8](repeating: 0, count: 65_536))
        }
    }

    /// Octets at the edges of the length, label-type and pointer ranges.
    static let interestingOctets: [UInt8] = [0x00, 0x01, 0x02, 0x03, 0x04, 0x10, 0x3F, 0x40, 0x7F, 0x80, 0xBF, 0xC0, 0xC1, 0xFE, 0xFF]

    /// At every position of valid messages: a truncation, each interesting octet, the octet
    /// ±1, and a compression pointer to every offset. Decoding never crashes, and whatever
    /// decodes re-encodes to a message that decodes the same.
    @Test("exhaustive mutations of valid messages: no crash, and decoding is stable")
    func mutationSweep() throws {
        let seeds: [[UInt8]] = try [
            hexBytes(DNSMessageCodecTests.compressedMXResponse),
            DNSMessageEncoder.encode(DNSMessage(
                header: DNSHeader(id: 9, isResponse: true),
                questions: [DNSQuestion(name: try name("a.example.test"), type: .txt)],
                answers: [DNSResourceRecord(name: try name("a.example.test"), timeToLive: 60, data: .text(TextRecord(["x", "yz"])))],
                authorities: [DNSResourceRecord(name: try name("example.test"), timeToLive: 60, data: .startOfAuthority(StartOfAuthority(
                    primaryNameServer: try name("ns.example.test"), responsibleMailbox: try name("h.example.test"),
                    serial: 1, refresh: 2, retry: 3, expire: 4, minimum: 5)))],
                edns: EDNSRecord(udpPayloadSize: 1232))),
        ]
        var mutants: [[UInt8]] = []
        for seed in seeds {
            for position in seed.indices {
                mutants.append(Array(seed[..<position]))
                for value in Self.interestingOctets + [seed[position] &+ 1, seed[position] &- 1] {
                    var mutant = seed
                    mutant[position] = value
                    mutants.append(mutant)
                }
                for target in 0..<seed.count where position + 1 < seed.count {
                    var mutant = seed
                    mutant[position] = 0xC0 | UInt8(target >> 8)
                    mutant[position + 1] = UInt8(target & 0xFF)
                    mutants.append(mutant)
                }
            }
        }
        var decodedCount = 0
        var unstable: [[UInt8]] = []
        for mutant in mutants {
            guard let message = try? DNSMessageDecoder.decode(mutant) else { continue }
            decodedCount += 1
            guard let reencoded = try? DNSMessageEncoder.encode(message) else { continue }
            if (try? DNSMessageDecoder.decode(reencoded)) != message { unstable.append(mutant) }
        }
        #expect(unstable.isEmpty, "first unstable mutants: \(unstable.prefix(3))")
        // Many mutants (changed IDs, TTLs, addresses, …) still decode and get checked.
        #expect(decodedCount > mutants.count / 10)
    }
}

/// `value` as four hex digits.
func fourHexDigits(_ value: Int) -> String {
    let digits = String(value, radix: 16)
    return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
}
