/// Encodes DNS messages in wire form (RFC 1035 §4.1), without name compression.
public enum DNSMessageEncoder {
    /// Encodes a whole message; the section counts come from the sections.
    public static func encode(_ message: DNSMessage) throws(DNSEncodingError) -> [UInt8] {
        var output: [UInt8] = []
        let additionalCount = message.additionals.count + (message.edns == nil ? 0 : 1)
        let counts = [message.questions.count, message.answers.count, message.authorities.count, additionalCount]
        guard counts.allSatisfy({ $0 <= Int(UInt16.max) }) else { throw .tooManyEntries }
        append(message.header.id, to: &output)
        append(message.header.flags, to: &output)
        for count in counts { append(UInt16(count), to: &output) }

        for question in message.questions {
            append(question.name, to: &output)
            append(question.type.rawValue, to: &output)
            append(question.questionClass, to: &output)
        }
        for record in message.answers + message.authorities + message.additionals {
            try append(record, to: &output)
        }
        if let edns = message.edns {
            // RFC 6891 §6.1.2: owner root, CLASS the payload size, TTL the extended fields.
            try append(DNSResourceRecord(name: .root, recordClass: edns.udpPayloadSize, timeToLive: edns.timeToLiveField,
                                         data: .unknown(type: .opt, data: edns.options)), to: &output)
        }
        guard output.count <= DNSMessageDecoder.maximumMessageLength else { throw .messageTooLong(output.count) }
        return output
    }

    private static func append(_ record: DNSResourceRecord, to output: inout [UInt8]) throws(DNSEncodingError) {
        append(record.name, to: &output)
        append(record.type.rawValue, to: &output)
        append(record.recordClass, to: &output)
        append(record.timeToLive, to: &output)
        let data = try encodeData(record.data)
        guard data.count <= Int(UInt16.max) else { throw .recordDataTooLong(record.type, data.count) }
        append(UInt16(data.count), to: &output)
        output += data
    }

    private static func encodeData(_ data: DNSRecordData) throws(DNSEncodingError) -> [UInt8] {
        var output: [UInt8] = []
        switch data {
        case .ipv4Address(let address):
            guard address.family == .ipv4 else { throw .wrongAddressFamily(data.type) }
            output = address.bytes
        case .ipv6Address(let address):
            guard address.family == .ipv6 else { throw .wrongAddressFamily(data.type) }
            output = address.bytes
        case .nameServer(let name), .canonicalName(let name), .pointer(let name):
            append(name, to: &output)
        case .mailExchanger(let exchanger):
            append(exchanger.preference, to: &output)
            append(exchanger.exchange, to: &output)
        case .text(let record):
            for string in record.strings {
                guard string.count <= 255 else { throw .textStringTooLong(string.count) }
                output.append(UInt8(string.count))
                output += string
            }
        case .startOfAuthority(let soa):
            append(soa.primaryNameServer, to: &output)
            append(soa.responsibleMailbox, to: &output)
            for value in [soa.serial, soa.refresh, soa.retry, soa.expire, soa.minimum] { append(value, to: &output) }
        case .tlsa(let tlsa):
            output = [tlsa.certificateUsage, tlsa.selector, tlsa.matchingType] + tlsa.certificateAssociationData
        case .unknown(_, let bytes):
            output = bytes
        }
        return output
    }

    private static func append(_ name: DNSName, to output: inout [UInt8]) {
        for label in name.labels {
            output.append(UInt8(label.count))
            output += label
        }
        output.append(0)
    }

    private static func append(_ value: UInt16, to output: inout [UInt8]) {
        output += [UInt8(value >> 8), UInt8(value & 0xFF)]
    }

    private static func append(_ value: UInt32, to output: inout [UInt8]) {
        output += [UInt8(value >> 24), UInt8(value >> 16 & 0xFF), UInt8(value >> 8 & 0xFF), UInt8(value & 0xFF)]
    }
}

/// Why a message could not be encoded.
public enum DNSEncodingError: Error, Sendable, Equatable, CustomStringConvertible {
    case tooManyEntries
    case messageTooLong(Int)
    case recordDataTooLong(DNSRecordType, Int)
    case textStringTooLong(Int)
    case wrongAddressFamily(DNSRecordType)

    public var description: String {
        switch self {
        case .tooManyEntries: "a section has more than 65535 entries"
        case .messageTooLong(let length): "the message would be \(length) octets; at most 65535 are possible"
        case .recordDataTooLong(let type, let length):
            "the RDATA of a \(type) record would be \(length) octets; at most 65535 are possible"
        case .textStringTooLong(let length): "a TXT character-string is \(length) octets; at most 255 are allowed"
        case .wrongAddressFamily(let type): "a \(type) record holds an address of the other family"
        }
    }
}
