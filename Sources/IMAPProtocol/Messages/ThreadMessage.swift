import MailCore
import MailStore

/// One message as THREAD sees it (RFC 5256 §3): its sent date, base subject and
/// identifiers.
public struct ThreadMessage: Hashable, Sendable {
    /// The number the response shows: the sequence number, or the UID for `UID THREAD`.
    public var number: UInt32
    /// The message sequence number, which breaks ties between equal dates.
    public var sequenceNumber: UInt32
    /// The Date header in UTC seconds, or the internal date when it has none.
    public var sentDate: Int64
    /// The base subject (RFC 5256 §2.1).
    public var subject: BaseSubject
    /// The Message-ID without angle brackets.
    public var messageID: String?
    /// The parents' identifiers, oldest first: the References field, or the first
    /// identifier of In-Reply-To when References has none (RFC 5256 §3 REFERENCES step 1).
    public var references: [String]

    /// A message with the given values.
    public init(number: UInt32, sequenceNumber: UInt32, sentDate: Int64, subject: BaseSubject,
                messageID: String?, references: [String]) {
        self.number = number
        self.sequenceNumber = sequenceNumber
        self.sentDate = sentDate
        self.subject = subject
        self.messageID = messageID
        self.references = references
    }

    /// A message from its summary, its structure and the identifiers of its References
    /// field (``referencesField(in:structure:)``; empty for ORDEREDSUBJECT, which needs none).
    public init(sequenceNumber: UInt32, usesUIDs: Bool, summary: MessageSummary, structure: MessageStructure?,
                referencesField: [String]) {
        let envelope = structure?.envelope ?? Envelope()
        var references = referencesField
        if references.isEmpty, let inReplyTo = envelope.inReplyTo, let first = MessageIDListParser.parse(inReplyTo).first {
            references = [first]
        }
        self.init(number: usesUIDs ? summary.uid.rawValue : sequenceNumber,
                  sequenceNumber: sequenceNumber,
                  sentDate: structure.flatMap(SentDate.of)?.secondsSinceEpoch ?? CalendarDay.seconds(summary.internalDate),
                  subject: BaseSubject(subject: envelope.subject),
                  messageID: envelope.messageID.flatMap { MessageIDListParser.parse($0).first },
                  references: references)
    }

    /// The identifiers of the message's References field, read from its octets (the cached
    /// structure does not keep them).
    public static func referencesField(in bytes: [UInt8], structure: MessageStructure?) -> [String] {
        let range = SectionContent.clamp(structure?.root.headerRange ?? 0..<bytes.count, to: bytes.count)
        let header = MessageHeader(parsing: bytes, in: range)
        guard let field = header.firstField(named: "References") else { return [] }
        return MessageIDListParser.parse(header.unfoldedValue(of: field))
    }

    /// Orders by sent date, then by sequence number.
    func precedes(_ other: ThreadMessage) -> Bool {
        (sentDate, sequenceNumber) < (other.sentDate, other.sequenceNumber)
    }
}
