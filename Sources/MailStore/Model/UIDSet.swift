/// A set of UIDs kept as sorted, non-overlapping, non-adjacent ranges, so that `1:*` on a
/// large mailbox costs one range rather than one entry per message.
public struct UIDSet: Sendable, Hashable, CustomStringConvertible {
    /// The ranges, ascending, never overlapping or touching.
    public private(set) var ranges: [ClosedRange<UID>]

    /// The empty set.
    public init() { self.ranges = [] }

    /// A set holding the given UIDs.
    public init<S: Sequence>(_ uids: S) where S.Element == UID {
        self.init()
        for uid in uids { insert(uid ... uid) }
    }

    /// A set holding one range.
    public init(_ range: ClosedRange<UID>) {
        self.ranges = [range]
    }

    /// Every UID.
    public static let all = UIDSet(UID.min ... UID.max)

    /// Whether the set holds nothing.
    public var isEmpty: Bool { ranges.isEmpty }

    /// Whether `uid` is in the set.
    public func contains(_ uid: UID) -> Bool {
        var low = 0
        var high = ranges.count - 1
        while low <= high {
            let middle = (low + high) / 2
            let range = ranges[middle]
            if uid < range.lowerBound {
                high = middle - 1
            } else if uid > range.upperBound {
                low = middle + 1
            } else {
                return true
            }
        }
        return false
    }

    /// Adds a range, merging it with the ranges it overlaps or touches.
    public mutating func insert(_ range: ClosedRange<UID>) {
        var lower = range.lowerBound.rawValue
        var upper = range.upperBound.rawValue
        var merged: [ClosedRange<UID>] = []
        merged.reserveCapacity(ranges.count + 1)
        var placed = false
        for existing in ranges {
            let existingLower = existing.lowerBound.rawValue
            let existingUpper = existing.upperBound.rawValue
            if UInt64(existingUpper) + 1 < UInt64(lower) {
                merged.append(existing)
            } else if UInt64(upper) + 1 < UInt64(existingLower) {
                if !placed {
                    merged.append(UID(lower) ... UID(upper))
                    placed = true
                }
                merged.append(existing)
            } else {
                lower = Swift.min(lower, existingLower)
                upper = Swift.max(upper, existingUpper)
            }
        }
        if !placed { merged.append(UID(lower) ... UID(upper)) }
        ranges = merged
    }

    /// Adds one UID.
    public mutating func insert(_ uid: UID) { insert(uid ... uid) }

    /// The IMAP sequence-set form, e.g. `1:3,7,9:12`.
    public var description: String {
        ranges.map { $0.lowerBound == $0.upperBound ? "\($0.lowerBound)" : "\($0.lowerBound):\($0.upperBound)" }
            .joined(separator: ",")
    }
}
