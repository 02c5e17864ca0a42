/// One end of a range in a sequence set: a number, or `*` — the largest number in use.
public enum SequenceBound: Hashable, Sendable {
    /// A message sequence number or UID (1 to 2^32-1).
    case number(UInt32)
    /// `*`: the largest number in use in the mailbox (RFC 9051 §9 `seq-number`).
    case last

    /// The number this bound stands for when the largest number in use is `last`.
    public func resolved(last: UInt32) -> UInt32 {
        switch self {
        case .number(let value): value
        case .last: last
        }
    }
}

/// A range as written: `5`, `2:4`, `7:*` or `*:3` (either order means the same range).
public struct SequenceRange: Hashable, Sendable {
    /// The bound written first.
    public var first: SequenceBound
    /// The bound written second; the same as `first` for a single number.
    public var second: SequenceBound

    /// A range between two bounds, in either order.
    public init(_ first: SequenceBound, _ second: SequenceBound) {
        self.first = first
        self.second = second
    }

    /// A single number or `*`.
    public init(_ single: SequenceBound) {
        self.init(single, single)
    }

    /// The numbers this range covers when the largest number in use is `last`, lower bound first.
    public func resolved(last: UInt32) -> ClosedRange<UInt32> {
        let a = first.resolved(last: last)
        let b = second.resolved(last: last)
        return min(a, b)...max(a, b)
    }
}

/// A `sequence-set` (RFC 9051 §9): ranges of message sequence numbers or UIDs, or `$`,
/// the result saved by the last `SEARCH RETURN (SAVE)` (RFC 5182).
///
/// A set is kept as written (ranges, never expanded), so its size is bounded by the
/// command line that carried it.
public enum SequenceSet: Hashable, Sendable {
    /// Ranges as written, at least one.
    case ranges([SequenceRange])
    /// `$`: the saved search result (RFC 5182 §2).
    case lastResult

    /// A set of concrete ranges (for responses such as `COPYUID` or `VANISHED`).
    public init(_ ranges: [ClosedRange<UInt32>]) {
        self = .ranges(ranges.map { SequenceRange(.number($0.lowerBound), .number($0.upperBound)) })
    }

    /// The ranges, sorted and merged, when the largest number in use is `last`; nil for `$`.
    /// Numbers above `last` stay in (a UID set may name UIDs that no longer exist).
    public func resolved(last: UInt32) -> [ClosedRange<UInt32>]? {
        guard case .ranges(let ranges) = self else { return nil }
        let sorted = ranges.map { $0.resolved(last: last) }.sorted { $0.lowerBound < $1.lowerBound }
        var merged = [ClosedRange<UInt32>]()
        merged.reserveCapacity(sorted.count)
        for range in sorted {
            if let previous = merged.last, UInt64(range.lowerBound) <= UInt64(previous.upperBound) + 1 {
                merged[merged.count - 1] = previous.lowerBound...max(previous.upperBound, range.upperBound)
            } else {
                merged.append(range)
            }
        }
        return merged
    }

    /// Whether `*` appears in the set.
    public var mentionsLast: Bool {
        guard case .ranges(let ranges) = self else { return false }
        return ranges.contains { $0.first == .last || $0.second == .last }
    }
}
