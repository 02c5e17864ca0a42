import MailCore
import MailStore

extension SearchPlan {
    /// Begins evaluating the plan over a mailbox's messages (in sequence-number order, so
    /// ascending by UID), with the UIDs each of ``textQueries`` and ``objectIDQueries``
    /// returned (a missing result counts as no match). Every message that the summaries decide is decided at once; the
    /// others are listed in ``SearchEvaluation/pending``.
    public func start(messages: [MessageSummary], textMatches: [[UID]], objectIDMatches: [[UID]] = [],
                      context: SearchContext) -> SearchEvaluation {
        SearchEvaluation(plan: self, messages: messages, textMatches: textMatches, objectIDMatches: objectIDMatches,
                         context: context)
    }
}

/// The evaluation of a ``SearchPlan`` over the messages of a mailbox.
///
/// The session calls ``decide(_:structure:bytes:)`` for every index in ``pending`` with the
/// data ``SearchPlan/requirement`` names (nil where a message could not be read: it then
/// does not match), then takes ``result``.
public struct SearchEvaluation: Sendable {
    /// The messages, in sequence-number order.
    public let messages: [MessageSummary]
    /// Positions in ``messages`` of the messages the summaries could not decide, ascending.
    public private(set) var pending: [Int]

    private let plan: SearchPlan
    private let context: SearchContext
    private var matched: [Bool]
    private let textSets: [[Bool]]
    private let objectIDSets: [[Bool]]
    private let ranges: [[ClosedRange<UInt32>]]
    private let nowSeconds: Int64
    private let savedResult: [UID]?

    init(plan: SearchPlan, messages: [MessageSummary], textMatches: [[UID]], objectIDMatches: [[UID]],
         context: SearchContext) {
        self.plan = plan
        self.messages = messages
        self.context = context
        nowSeconds = CalendarDay.seconds(context.now)
        savedResult = context.savedResult.map { saved in
            zip(saved, saved.dropFirst()).allSatisfy { $0 < $1 } ? saved : saved.sorted()
        }
        textSets = Self.memberships(of: textMatches, count: plan.textQueries.count, in: messages)
        objectIDSets = Self.memberships(of: objectIDMatches, count: plan.objectIDQueries.count, in: messages)
        // `*` is the largest number in use: the message count, or the largest UID (RFC 9051 §9).
        let lastNumber = UInt32(clamping: messages.count)
        let lastUID = messages.last?.uid.rawValue ?? 0
        ranges = plan.sequenceSets.map { $0.set.resolved(last: $0.usesUIDs ? lastUID : lastNumber) ?? [] }
        matched = [Bool](repeating: false, count: messages.count)
        pending = []
        var facts = MessageFacts(structure: nil, bytes: nil)
        for index in messages.indices {
            switch truth(plan.root, index, &facts) {
            case .yes: matched[index] = true
            case .no: break
            case .unknown: pending.append(index)
            }
        }
    }

    /// Decides a pending message with its structure and, if the plan needs them, its octets.
    public mutating func decide(_ index: Int, structure: MessageStructure?, bytes: [UInt8]?) {
        guard messages.indices.contains(index) else { return }
        var facts = MessageFacts(structure: structure, bytes: bytes)
        matched[index] = truth(plan.root, index, &facts) == .yes
    }

    /// The matching messages (pending ones count as decided by ``decide(_:structure:bytes:)``).
    public var result: SearchResult {
        var numbers = [UInt32]()
        var uids = [UID]()
        var modSequences = [ModSequence]()
        for index in messages.indices where matched[index] {
            numbers.append(UInt32(clamping: index + 1))
            uids.append(messages[index].uid)
            modSequences.append(messages[index].modSequence)
        }
        return SearchResult(sequenceNumbers: numbers, uids: uids, modSequences: modSequences)
    }

    /// For each of `count` query results, ``membership(of:in:)`` (a missing result is empty).
    private static func memberships(of results: [[UID]], count: Int, in messages: [MessageSummary]) -> [[Bool]] {
        (0..<count).map { index in membership(of: index < results.count ? results[index] : [], in: messages) }
    }

    /// For each message, whether its UID is among `uids`.
    private static func membership(of uids: [UID], in messages: [MessageSummary]) -> [Bool] {
        var sorted = uids
        if !zip(sorted, sorted.dropFirst()).allSatisfy({ $0 <= $1 }) { sorted.sort() }
        var result = [Bool](repeating: false, count: messages.count)
        var cursor = 0
        for (index, message) in messages.enumerated() {
            while cursor < sorted.count && sorted[cursor] < message.uid { cursor += 1 }
            if cursor < sorted.count && sorted[cursor] == message.uid { result[index] = true }
        }
        return result
    }

    private func truth(_ node: SearchNode, _ index: Int, _ facts: inout MessageFacts) -> SearchTruth {
        let summary = messages[index]
        switch node {
        case .constant(let value):
            return SearchTruth(value)
        case .systemFlag(let flag, let set):
            return SearchTruth(summary.flags.system.contains(flag) == set)
        case .keyword(let name, let set):
            return SearchTruth(Self.hasKeyword(summary.flags.keywords, name) == set)
        case .recent(let set):
            return SearchTruth(context.recent.contains(summary.uid) == set)
        case .internalDay(let comparison, let day):
            let seconds = CalendarDay.seconds(summary.internalDate)
            return SearchTruth(comparison.holds(CalendarDay.day(seconds: seconds, zoneOffsetMinutes: context.dateZoneOffsetMinutes), day))
        case .saveDay(let comparison, let day):
            let seconds = CalendarDay.seconds(summary.saveDate)
            return SearchTruth(comparison.holds(CalendarDay.day(seconds: seconds, zoneOffsetMinutes: context.dateZoneOffsetMinutes), day))
        case .larger(let size):
            return SearchTruth(UInt64(max(summary.size, 0)) > size)
        case .smaller(let size):
            return SearchTruth(UInt64(max(summary.size, 0)) < size)
        case .older(let interval):
            return SearchTruth(nowSeconds - CalendarDay.seconds(summary.internalDate) >= interval)
        case .younger(let interval):
            return SearchTruth(nowSeconds - CalendarDay.seconds(summary.internalDate) <= interval)
        case .modSeq(let value):
            return SearchTruth(summary.modSequence.rawValue >= value)
        case .sequenceNumbers(let slot):
            return SearchTruth(Self.contains(ranges[slot], UInt32(clamping: index + 1)))
        case .uids(let slot):
            return SearchTruth(Self.contains(ranges[slot], summary.uid.rawValue))
        case .savedResult:
            return SearchTruth(savedResult.map { $0.sortedContains(summary.uid) } ?? false)
        case .text(let slot):
            return SearchTruth(textSets[slot][index])
        case .objectID(let slot):
            return SearchTruth(objectIDSets[slot][index])
        case .sentDay(let comparison, let day):
            guard let structure = facts.structure else { return .unknown }
            guard let sent = facts.sentDay(structure) else { return .no }
            return SearchTruth(comparison.holds(sent, day))
        case .envelopeHeader(let field, let text):
            guard let structure = facts.structure else { return .unknown }
            return SearchTruth(HeaderMatcher.matches(field, text, in: structure.envelope))
        case .header(let name, let text):
            guard let header = facts.header() else { return .unknown }
            return SearchTruth(HeaderMatcher.matches(name, text, in: header))
        case .not(let inner):
            return truth(inner, index, &facts).negated
        case .and(let nodes):
            var result = SearchTruth.yes
            for member in nodes {
                switch truth(member, index, &facts) {
                case .no: return .no
                case .unknown: result = .unknown
                case .yes: break
                }
            }
            return result
        case .or(let left, let right):
            let first = truth(left, index, &facts)
            if first == .yes { return .yes }
            let second = truth(right, index, &facts)
            if second == .yes { return .yes }
            return first == .unknown || second == .unknown ? .unknown : .no
        }
    }

    private static func contains(_ ranges: [ClosedRange<UInt32>], _ value: UInt32) -> Bool {
        var low = 0
        var high = ranges.count - 1
        while low <= high {
            let middle = (low + high) / 2
            if value < ranges[middle].lowerBound {
                high = middle - 1
            } else if value > ranges[middle].upperBound {
                low = middle + 1
            } else {
                return true
            }
        }
        return false
    }

    private static func hasKeyword(_ keywords: Set<String>, _ folded: String) -> Bool {
        guard !keywords.isEmpty else { return false }
        if keywords.contains(folded) { return true }
        return keywords.contains { $0.lowercased() == folded }
    }
}
