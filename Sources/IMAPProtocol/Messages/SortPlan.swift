import MailCore
import MailStore

/// The ordering of a SORT command (RFC 5256 §3): its criteria, most significant first,
/// with the message sequence number breaking the last tie.
public struct SortPlan: Hashable, Sendable {
    /// The criteria, most significant first.
    public let criteria: [SortCriterion]

    /// A plan for the criteria of a SORT command.
    public init(criteria: [SortCriterion]) {
        self.criteria = criteria
    }

    /// ARRIVAL and SIZE read the summary; the other keys the structure (ENVELOPE).
    public var requirement: MessageDataRequirement {
        criteria.contains { $0.key != .arrival && $0.key != .size } ? .structure : .summary
    }

    /// The keys of one message.
    public func keys(sequenceNumber: UInt32, summary: MessageSummary, structure: MessageStructure?) -> MessageSortKeys {
        MessageSortKeys(sequenceNumber: sequenceNumber, summary: summary, structure: structure, criteria: criteria)
    }

    /// The messages in the order the criteria give.
    public func sorted(_ messages: [MessageSortKeys]) -> [MessageSortKeys] {
        // Positions are sorted rather than the keys themselves, which are large to move.
        var order = Array(messages.indices)
        messages.withUnsafeBufferPointer { keys in
            order.sort { left, right in
                for criterion in criteria {
                    let comparison = keys[left].compare(keys[right], by: criterion.key)
                    if comparison != 0 { return criterion.reverse ? comparison > 0 : comparison < 0 }
                }
                return keys[left].sequenceNumber < keys[right].sequenceNumber
            }
        }
        return order.map { messages[$0] }
    }

    /// The numbers a `* SORT` response lists: UIDs for `UID SORT`.
    public static func numbers(_ sorted: [MessageSortKeys], usesUIDs: Bool) -> [UInt32] {
        sorted.map { usesUIDs ? $0.uid.rawValue : $0.sequenceNumber }
    }
}
