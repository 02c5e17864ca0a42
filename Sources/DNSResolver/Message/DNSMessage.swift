/// A complete DNS message: header, question, and the three record sections (RFC 1035 §4.1).
public struct DNSMessage: Sendable, Hashable {
    public var header: DNSHeader
    public var questions: [DNSQuestion]
    public var answers: [DNSResourceRecord]
    public var authorities: [DNSResourceRecord]
    /// The additional section without the OPT record, which is in ``edns``.
    public var additionals: [DNSResourceRecord]
    /// The EDNS(0) OPT record, if the message has one.
    public var edns: EDNSRecord?

    public init(header: DNSHeader, questions: [DNSQuestion] = [], answers: [DNSResourceRecord] = [],
                authorities: [DNSResourceRecord] = [], additionals: [DNSResourceRecord] = [], edns: EDNSRecord? = nil) {
        self.header = header
        self.questions = questions
        self.answers = answers
        self.authorities = authorities
        self.additionals = additionals
        self.edns = edns
    }

    /// A standard recursive query for one question, with an OPT record advertising
    /// `udpPayloadSize` unless it is nil. The AD bit asks a validating resolver to report
    /// whether it validated the answer (RFC 6840 §5.7).
    public static func query(id: UInt16, name: DNSName, type: DNSRecordType, udpPayloadSize: UInt16?) -> DNSMessage {
        DNSMessage(header: DNSHeader(id: id, recursionDesired: true, authenticatedData: true),
                   questions: [DNSQuestion(name: name, type: type)],
                   edns: udpPayloadSize.map { EDNSRecord(udpPayloadSize: $0) })
    }

    /// The full response code: the header's four bits extended by the OPT record's eight.
    public var responseCode: DNSResponseCode {
        get {
            DNSResponseCode(rawValue: UInt16(edns?.extendedResponseCode ?? 0) << 4 | UInt16(header.responseCodeLowBits))
        }
        set {
            header.responseCodeLowBits = UInt8(newValue.rawValue & 0x0F)
            let high = UInt8(truncatingIfNeeded: newValue.rawValue >> 4)
            if high != 0 || edns != nil {
                var record = edns ?? EDNSRecord(udpPayloadSize: 512)
                record.extendedResponseCode = high
                edns = record
            }
        }
    }
}
