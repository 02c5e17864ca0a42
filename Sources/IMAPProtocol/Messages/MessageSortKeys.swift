import MailCore
import MailStore

/// The values one message is sorted by (RFC 5256 §3, RFC 5957), extracted once per message;
/// only those the criteria use are filled in.
public struct MessageSortKeys: Hashable, Sendable {
    /// The message sequence number: the last tie-breaker.
    public let sequenceNumber: UInt32
    /// The UID (what `UID SORT` lists).
    public let uid: UID
    /// The mod-sequence (for the MODSEQ a CONDSTORE SORT reports).
    public let modSequence: ModSequence
    var arrival: Int64 = 0
    var size: Int = 0
    /// The Date header in UTC seconds, or the internal date when it has none.
    var sentDate: Int64 = 0
    var subject: [UInt8] = []
    var from: [UInt8] = []
    var to: [UInt8] = []
    var cc: [UInt8] = []
    var displayFrom: [UInt8] = []
    var displayTo: [UInt8] = []

    /// The keys `criteria` use, from a message's summary and (for every key but ARRIVAL and
    /// SIZE) its structure; a missing structure sorts as an empty header.
    public init(sequenceNumber: UInt32, summary: MessageSummary, structure: MessageStructure?, criteria: [SortCriterion]) {
        self.sequenceNumber = sequenceNumber
        uid = summary.uid
        modSequence = summary.modSequence
        let readsEnvelope = criteria.contains { $0.key != .arrival && $0.key != .size && $0.key != .date }
        let envelope = readsEnvelope ? structure?.envelope ?? Envelope() : Envelope()
        for criterion in criteria {
            switch criterion.key {
            case .arrival: arrival = CalendarDay.seconds(summary.internalDate)
            case .size: size = summary.size
            case .date: sentDate = structure.flatMap(SentDate.of)?.secondsSinceEpoch ?? CalendarDay.seconds(summary.internalDate)
            case .subject: subject = Array(BaseSubject(subject: envelope.subject).text.utf8)
            case .from: from = Self.mailbox(envelope.from)
            case .to: to = Self.mailbox(envelope.to)
            case .cc: cc = Self.mailbox(envelope.cc)
            case .displayFrom: displayFrom = Self.displayName(envelope.from)
            case .displayTo: displayTo = Self.displayName(envelope.to)
            }
        }
    }

    /// The addr-mailbox of the first address, case folded (RFC 5256 §3); empty when none.
    static func mailbox(_ addresses: [EnvelopeAddress]) -> [UInt8] {
        guard let first = firstAddress(addresses), let mailbox = first.mailbox,
              mailbox != EnvelopeAddress.missingMailbox else { return [] }
        return Array(mailbox.lowercased().utf8)
    }

    /// The decoded display name of the first address, or its addr-spec when it has none
    /// (RFC 5957 §3), case folded.
    static func displayName(_ addresses: [EnvelopeAddress]) -> [UInt8] {
        guard let first = firstAddress(addresses) else { return [] }
        if let name = first.name.map(EncodedWordDecoder.decode), !name.isEmpty {
            return Array(name.lowercased().utf8)
        }
        let mailbox = first.mailbox == EnvelopeAddress.missingMailbox ? "" : first.mailbox ?? ""
        let host = first.host == EnvelopeAddress.missingDomain ? "" : first.host ?? ""
        return Array((host.isEmpty ? mailbox : mailbox + "@" + host).lowercased().utf8)
    }

    /// The first address that is not a group marker.
    private static func firstAddress(_ addresses: [EnvelopeAddress]) -> EnvelopeAddress? {
        addresses.first { !$0.isGroupStart && !$0.isGroupEnd }
    }

    /// How two messages compare by one key: negative, zero or positive.
    func compare(_ other: MessageSortKeys, by key: SortKey) -> Int {
        switch key {
        case .arrival: Self.compare(arrival, other.arrival)
        case .size: Self.compare(size, other.size)
        case .date: Self.compare(sentDate, other.sentDate)
        case .subject: Self.compare(subject, other.subject)
        case .from: Self.compare(from, other.from)
        case .to: Self.compare(to, other.to)
        case .cc: Self.compare(cc, other.cc)
        case .displayFrom: Self.compare(displayFrom, other.displayFrom)
        case .displayTo: Self.compare(displayTo, other.displayTo)
        }
    }

    private static func compare<Value: Comparable>(_ left: Value, _ right: Value) -> Int {
        left < right ? -1 : (left == right ? 0 : 1)
    }

    private static func compare(_ left: [UInt8], _ right: [UInt8]) -> Int {
        let count = min(left.count, right.count)
        var index = 0
        while index < count {
            if left[index] != right[index] { return left[index] < right[index] ? -1 : 1 }
            index += 1
        }
        return compare(left.count, right.count)
    }
}
