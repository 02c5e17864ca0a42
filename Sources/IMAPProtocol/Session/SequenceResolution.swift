import MailStore

/// Why a sequence set cannot be used.
enum SequenceResolutionError: Error, Hashable, Sendable {
    /// A message sequence number names no message the client knows (RFC 9051 §9 `seq-number`).
    case invalidSequenceNumber
    /// The set has more ranges than one command may name.
    case tooManyRanges
}

/// Ascending runs of UIDs, and UID sets built from them without quadratic cost.
enum UIDRanges {
    /// The most ranges one command's set may turn into.
    static let maximumRanges = 5_000

    /// Consecutive UIDs merged into ranges; `uids` ascending.
    static func ranges(of uids: [UID]) -> [ClosedRange<UInt32>] {
        var ranges = [ClosedRange<UInt32>]()
        for uid in uids {
            if let last = ranges.last, UInt64(last.upperBound) + 1 == UInt64(uid.rawValue) {
                ranges[ranges.count - 1] = last.lowerBound...uid.rawValue
            } else if let last = ranges.last, last.contains(uid.rawValue) {
                continue
            } else {
                ranges.append(uid.rawValue...uid.rawValue)
            }
        }
        return ranges
    }

    /// Whether `value` lies in one of `ranges` (ascending, non-overlapping).
    static func contains(_ ranges: [ClosedRange<UInt32>], _ value: UInt32) -> Bool {
        var low = 0
        var high = ranges.count - 1
        while low <= high {
            let middle = (low + high) / 2
            if ranges[middle].contains(value) { return true }
            if ranges[middle].upperBound < value { low = middle + 1 } else { high = middle - 1 }
        }
        return false
    }

    /// A UID set of ascending, non-overlapping ranges (UID 0 dropped).
    static func uidSet(ofSortedRanges ranges: [ClosedRange<UInt32>]) throws(SequenceResolutionError) -> UIDSet {
        guard ranges.count <= maximumRanges else { throw .tooManyRanges }
        var set = UIDSet()
        for range in ranges where range.upperBound > 0 {
            set.insert(UID(max(range.lowerBound, 1))...UID(range.upperBound))
        }
        return set
    }
}

extension SelectedMailbox {
    /// The UIDs a command's set names: sequence numbers mapped through what the client knows
    /// (each range of sequence numbers becomes one range of UIDs, since UIDs ascend with
    /// them), or UIDs with `*` standing for the highest UID the client knows (RFC 9051 §6.4.9:
    /// `n:*` always includes it). `$` is the saved search result (RFC 5182).
    func uidSet(for set: SequenceSet, usesUIDs: Bool, savedResult: [UID]?) throws(SequenceResolutionError) -> UIDSet {
        if case .lastResult = set {
            return try UIDRanges.uidSet(ofSortedRanges: UIDRanges.ranges(of: (savedResult ?? []).sorted()))
        }
        if usesUIDs {
            let ranges = set.resolved(last: uids.last?.rawValue ?? 0) ?? []
            return try UIDRanges.uidSet(ofSortedRanges: ranges)
        }
        let ranges = set.resolved(last: UInt32(uids.count)) ?? []
        var uidRanges = [ClosedRange<UInt32>]()
        uidRanges.reserveCapacity(ranges.count)
        for range in ranges {
            guard range.lowerBound >= 1, Int(range.upperBound) <= uids.count else { throw .invalidSequenceNumber }
            uidRanges.append(uids[Int(range.lowerBound) - 1].rawValue...uids[Int(range.upperBound) - 1].rawValue)
        }
        return try UIDRanges.uidSet(ofSortedRanges: uidRanges)
    }
}
