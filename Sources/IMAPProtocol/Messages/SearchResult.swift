import MailStore

/// The messages a SEARCH matched, ascending, and the responses that report them.
public struct SearchResult: Hashable, Sendable {
    /// Their message sequence numbers, ascending.
    public let sequenceNumbers: [UInt32]
    /// Their UIDs, in the same order.
    public let uids: [UID]
    /// Their mod-sequences, in the same order.
    public let modSequences: [ModSequence]

    /// A result with the given matches (the three arrays in step).
    public init(sequenceNumbers: [UInt32], uids: [UID], modSequences: [ModSequence]) {
        self.sequenceNumbers = sequenceNumbers
        self.uids = uids
        self.modSequences = modSequences
    }

    /// The numbers a response reports: UIDs for the UID form of the command.
    public func numbers(usesUIDs: Bool) -> [UInt32] {
        usesUIDs ? uids.map(\.rawValue) : sequenceNumbers
    }

    /// The highest mod-sequence of the matches; nil when nothing matched.
    public var highestModSequence: ModSequence? { modSequences.max() }

    /// The response to the command: `* SEARCH` when it had no RETURN option and the session
    /// has not enabled IMAP4rev2 (`extended` false), else `* ESEARCH` (RFC 4731, RFC 9051
    /// §7.3.4); nil when there is none to send (`RETURN (SAVE)` alone, RFC 5182 §2.4).
    /// `reportModSeq` when the criteria had `MODSEQ` (``SearchPlan/usesModSeq``).
    public func response(to command: SearchCommand, tag: String, extended: Bool, reportModSeq: Bool) -> ResponseData? {
        guard command.returnOptions != nil || extended else {
            let modSeq = reportModSeq ? highestModSequence?.rawValue : nil
            return .search(numbers(usesUIDs: command.usesUIDs), highestModSeq: modSeq)
        }
        let options = command.returnOptions ?? []
        guard let extendedResponse = extendedResponse(options: options, tag: tag, usesUIDs: command.usesUIDs,
                                                      reportModSeq: reportModSeq) else { return nil }
        return .extendedSearch(extendedResponse)
    }

    /// The ESEARCH data for RETURN options (RFC 4731 §3.1): no option, or none but SAVE with
    /// nothing else, means ALL; MIN, MAX and ALL are left out when nothing matched; nil when
    /// SAVE is the only option. With `reportModSeq`, MODSEQ is the highest mod-sequence of
    /// the messages reported (of MIN and MAX alone when only they are asked, RFC 7162 §3.1.5).
    public func extendedResponse(options: [SearchReturnOption], tag: String?, usesUIDs: Bool,
                                 reportModSeq: Bool) -> ExtendedSearchResponse? {
        if options == [.save] { return nil }
        var wanted = Set(options)
        wanted.remove(.save)
        if wanted.isEmpty { wanted.insert(.all) }
        var response = ExtendedSearchResponse(tag: tag, usesUIDs: usesUIDs)
        let numbers = numbers(usesUIDs: usesUIDs)
        if wanted.contains(.count) { response.count = UInt32(clamping: numbers.count) }
        guard let first = numbers.first, let last = numbers.last else { return response }
        if wanted.contains(.min) { response.min = first }
        if wanted.contains(.max) { response.max = last }
        if wanted.contains(.all) { response.all = Self.compressed(numbers) }
        if reportModSeq {
            let onlyEnds = !wanted.contains(.all) && !wanted.contains(.count)
            if onlyEnds {
                var ends = [ModSequence]()
                if wanted.contains(.min), let value = modSequences.first { ends.append(value) }
                if wanted.contains(.max), let value = modSequences.last { ends.append(value) }
                response.highestModSeq = ends.max()?.rawValue
            } else {
                response.highestModSeq = highestModSequence?.rawValue
            }
        }
        return response
    }

    /// What `RETURN (SAVE ...)` saves (RFC 5182 §2.4), as ascending UIDs: the MIN and/or MAX
    /// message when only they are asked with SAVE, else every match.
    public func savedResult(options: [SearchReturnOption]) -> [UID] {
        let wanted = Set(options)
        guard !wanted.contains(.all) && !wanted.contains(.count) && (wanted.contains(.min) || wanted.contains(.max)),
              let first = uids.first, let last = uids.last else { return uids }
        var saved = [UID]()
        if wanted.contains(.min) { saved.append(first) }
        if wanted.contains(.max) && (saved.isEmpty || last != first) { saved.append(last) }
        return saved
    }

    /// Numbers as a sequence set of ranges, in their order: runs of consecutive ascending
    /// numbers become one range.
    static func compressed(_ numbers: [UInt32]) -> SequenceSet {
        var ranges = [SequenceRange]()
        var index = 0
        while index < numbers.count {
            let start = numbers[index]
            var end = start
            while index + 1 < numbers.count && end < UInt32.max && numbers[index + 1] == end + 1 {
                end += 1
                index += 1
            }
            ranges.append(SequenceRange(.number(start), .number(end)))
            index += 1
        }
        return .ranges(ranges)
    }
}
