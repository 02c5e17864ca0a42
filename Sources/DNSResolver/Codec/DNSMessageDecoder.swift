/// Decodes DNS messages from their wire form (RFC 1035 §4.1).
public enum DNSMessageDecoder {
    /// The longest message any transport carries (TCP's two-octet length, RFC 1035 §4.2.2).
    public static let maximumMessageLength = 65_535

    /// Decodes a whole message. Octets after the last section are ignored.
    public static func decode(_ bytes: [UInt8]) throws(DNSDecodingError) -> DNSMessage {
        guard bytes.count <= maximumMessageLength else { throw .messageTooLong(bytes.count) }
        var reader = DNSWireReader(bytes)
        let id = try reader.readUInt16("the header")
        let flags = try reader.readUInt16("the header")
        let questionCount = try reader.readUInt16("the header")
        let answerCount = try reader.readUInt16("the header")
        let authorityCount = try reader.readUInt16("the header")
        let additionalCount = try reader.readUInt16("the header")

        // The counts are not trusted for allocation: each entry is read (and bounds-checked)
        // before it is stored, so a huge count in a short message fails at once.
        var message = DNSMessage(header: DNSHeader(id: id, flags: flags))
        for _ in 0..<questionCount {
            message.questions.append(try readQuestion(&reader))
        }
        for _ in 0..<answerCount {
            message.answers.append(try readRecord(&reader, section: "the answer section"))
        }
        for _ in 0..<authorityCount {
            message.authorities.append(try readRecord(&reader, section: "the authority section"))
        }
        for _ in 0..<additionalCount {
            let record = try readRecord(&reader, section: "the additional section")
            if case .unknown(.opt, let options) = record.data {
                // RFC 6891 §6.1.1: one OPT record at most, owned by the root.
                guard message.edns == nil else { throw .badOPTRecord("the message has more than one") }
                guard record.name.isRoot else { throw .badOPTRecord("its owner is not the root") }
                message.edns = EDNSRecord(udpPayloadSize: record.recordClass,
                                          extendedResponseCode: UInt8(record.timeToLive >> 24),
                                          version: UInt8(truncatingIfNeeded: record.timeToLive >> 16),
                                          dnssecOK: record.timeToLive & 0x8000 != 0, options: options)
            } else {
                message.additionals.append(record)
            }
        }
        return message
    }

    private static func readQuestion(_ reader: inout DNSWireReader) throws(DNSDecodingError) -> DNSQuestion {
        let name = try reader.readName("a question name")
        let type = DNSRecordType(rawValue: try reader.readUInt16("a question"))
        let questionClass = try reader.readUInt16("a question")
        return DNSQuestion(name: name, type: type, questionClass: questionClass)
    }

    private static func readRecord(_ reader: inout DNSWireReader, section: String) throws(DNSDecodingError) -> DNSResourceRecord {
        let name = try reader.readName("a record name in \(section)")
        let type = DNSRecordType(rawValue: try reader.readUInt16("a record in \(section)"))
        let recordClass = try reader.readUInt16("a record in \(section)")
        let rawTimeToLive = try reader.readUInt32("a record in \(section)")
        let dataLength = Int(try reader.readUInt16("a record in \(section)"))
        guard reader.remaining >= dataLength else { throw .truncated("the RDATA of a \(type) record in \(section)") }

        let end = reader.position + dataLength
        let outerLimit = reader.limit
        reader.limit = end
        let data = try readData(&reader, type: type, recordClass: recordClass, length: dataLength)
        guard reader.position == end else {
            throw .badRecordData(type: type, reason: "\(end - reader.position) octets left over in the RDATA")
        }
        reader.limit = outerLimit

        // RFC 2181 §8: a TTL with the top bit set is treated as zero. The OPT record's TTL
        // field holds flags instead and is kept whole.
        let timeToLive = type == .opt || rawTimeToLive <= UInt32(Int32.max) ? rawTimeToLive : 0
        return DNSResourceRecord(name: name, recordClass: recordClass, timeToLive: timeToLive, data: data)
    }

    /// Reads RDATA of `length` octets; the reader's limit is the end of the RDATA.
    private static func readData(_ reader: inout DNSWireReader, type: DNSRecordType, recordClass: UInt16,
                                 length: Int) throws(DNSDecodingError) -> DNSRecordData {
        func part() -> String { "the RDATA of a \(type) record" }
        // Type numbers below 128 other than OPT mean what RFC 1035 says only in class IN.
        guard recordClass == DNSClass.internet || type == .tlsa else {
            return .unknown(type: type, data: try reader.readBytes(length, part()))
        }
        switch type {
        case .a:
            guard length == 4, let address = IPAddress(bytes: try reader.readBytes(4, part())) else {
                throw .badRecordData(type: type, reason: "RDATA is \(length) octets, not 4")
            }
            return .ipv4Address(address)
        case .aaaa:
            guard length == 16, let address = IPAddress(bytes: try reader.readBytes(16, part())) else {
                throw .badRecordData(type: type, reason: "RDATA is \(length) octets, not 16")
            }
            return .ipv6Address(address)
        case .ns:
            return .nameServer(try reader.readName(part()))
        case .cname:
            return .canonicalName(try reader.readName(part()))
        case .ptr:
            return .pointer(try reader.readName(part()))
        case .mx:
            let preference = try reader.readUInt16(part())
            return .mailExchanger(MailExchanger(preference: preference, exchange: try reader.readName(part())))
        case .txt:
            var strings: [[UInt8]] = []
            while reader.remaining > 0 {
                let stringLength = Int(try reader.readUInt8(part()))
                strings.append(try reader.readBytes(stringLength, part()))
            }
            return .text(TextRecord(strings: strings))
        case .soa:
            let primary = try reader.readName(part())
            let mailbox = try reader.readName(part())
            return .startOfAuthority(StartOfAuthority(
                primaryNameServer: primary, responsibleMailbox: mailbox, serial: try reader.readUInt32(part()),
                refresh: try reader.readUInt32(part()), retry: try reader.readUInt32(part()),
                expire: try reader.readUInt32(part()), minimum: try reader.readUInt32(part())))
        case .tlsa:
            guard length >= 3 else { throw .badRecordData(type: type, reason: "RDATA is shorter than 3 octets") }
            return .tlsa(TLSARecord(certificateUsage: try reader.readUInt8(part()), selector: try reader.readUInt8(part()),
                                    matchingType: try reader.readUInt8(part()),
                                    certificateAssociationData: try reader.readBytes(length - 3, part())))
        default:
            return .unknown(type: type, data: try reader.readBytes(length, part()))
        }
    }
}
