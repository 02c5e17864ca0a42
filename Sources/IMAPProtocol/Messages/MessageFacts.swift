import MailCore

/// What per-message search keys read beyond the summary, computed once per message.
struct MessageFacts {
    let structure: MessageStructure?
    let bytes: [UInt8]?
    private var parsedHeader: MessageHeader?
    private var parsedSentDay: Int64??

    init(structure: MessageStructure?, bytes: [UInt8]?) {
        self.structure = structure
        self.bytes = bytes
    }

    /// The day of the Date header in the zone it was written in; nil when it has none or
    /// it cannot be read.
    mutating func sentDay(_ structure: MessageStructure) -> Int64? {
        if let parsedSentDay { return parsedSentDay }
        let day = SentDate.of(structure).map { CalendarDay.day(seconds: $0.secondsSinceEpoch, zoneOffsetMinutes: $0.zoneOffsetMinutes) }
        parsedSentDay = .some(day)
        return day
    }

    /// The top-level header fields, parsed from the octets; nil without them.
    mutating func header() -> MessageHeader? {
        if let parsedHeader { return parsedHeader }
        guard let bytes else { return nil }
        let range = structure?.root.headerRange ?? 0..<bytes.count
        let header = MessageHeader(parsing: bytes, in: SectionContent.clamp(range, to: bytes.count))
        parsedHeader = header
        return header
    }
}

/// The Date header of a message as the cached envelope holds it.
enum SentDate {
    /// The parsed Date header, nil when there is none or it is not a date.
    static func of(_ structure: MessageStructure) -> MessageDate? {
        guard let text = structure.envelope.date, !text.isEmpty else { return nil }
        return MessageDate(parsing: text)
    }
}
