import MailStore

/// A search key compiled for evaluation: strings folded, dates reduced to day numbers,
/// sequence sets and full-text terms replaced by slots the evaluation fills.
indirect enum SearchNode: Hashable, Sendable {
    /// How a day compares with the key's day.
    enum DayComparison: Hashable, Sendable {
        case before, on, since

        func holds(_ day: Int64, _ key: Int64) -> Bool {
            switch self {
            case .before: day < key
            case .on: day == key
            case .since: day >= key
            }
        }
    }

    /// A header value the cached ENVELOPE holds, so that `HEADER` needs no octets.
    enum EnvelopeField: Hashable, Sendable {
        case subject, messageID, inReplyTo, date
    }

    case constant(Bool)
    /// The system flag is (`true`) or is not set.
    case systemFlag(SystemFlags, Bool)
    /// The keyword (folded to lower case) is or is not set.
    case keyword(String, Bool)
    /// The message is or is not `\Recent`.
    case recent(Bool)
    case internalDay(DayComparison, Int64)
    case saveDay(DayComparison, Int64)
    /// The day of the Date header, in its own zone.
    case sentDay(DayComparison, Int64)
    case larger(UInt64)
    case smaller(UInt64)
    /// Internal date at least this many seconds before now.
    case older(Int64)
    /// Internal date at most this many seconds before now.
    case younger(Int64)
    case modSeq(UInt64)
    /// Message numbers in the sequence set of this slot.
    case sequenceNumbers(Int)
    /// UIDs in the sequence set of this slot.
    case uids(Int)
    /// `$` (RFC 5182).
    case savedResult
    /// The UIDs the full-text query of this slot returned.
    case text(Int)
    /// The UIDs the object identifier query of this slot returned (RFC 8474 §6).
    case objectID(Int)
    /// `HEADER` answered from the envelope: the field, and the folded text it must contain.
    case envelopeHeader(EnvelopeField, String)
    /// `HEADER` answered from the message's header: the folded field name and text.
    case header(String, String)
    case not(SearchNode)
    case and([SearchNode])
    case or(SearchNode, SearchNode)

    /// The data evaluating the node reads.
    var requirement: MessageDataRequirement {
        switch self {
        case .sentDay, .envelopeHeader: .structure
        case .header: .header
        case .not(let inner): inner.requirement
        case .and(let nodes): nodes.map(\.requirement).max() ?? .summary
        case .or(let left, let right): max(left.requirement, right.requirement)
        default: .summary
        }
    }
}
