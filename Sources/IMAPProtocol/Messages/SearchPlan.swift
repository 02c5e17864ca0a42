import MailStore

/// A SEARCH (or the criteria of SORT and THREAD) split into what the store's full-text
/// index answers and what is evaluated message by message.
///
/// `SUBJECT`, `FROM`, `TO`, `CC`, `BCC`, `BODY` and `TEXT` go to the index
/// (``textQueries``), wherever they stand in the key tree: each query's UIDs become a set
/// that the evaluation combines with the other keys (under `NOT`, `OR`...). The index
/// matches words and word prefixes, case- and accent-insensitively; that is the semantics
/// these keys get, instead of RFC 9051's substring match (as Dovecot's FTS does): `SUBJECT
/// "meet"` finds "Meeting", `SUBJECT "eting"` does not, and a string without a letter or
/// digit matches every message. `TEXT` looks in the indexed fields (subject, addresses,
/// text parts), not in other header fields.
///
/// `EMAILID` and `THREADID` (RFC 8474 §6) go to the store too (``objectIDQueries``), whose
/// UIDs the evaluation combines the same way.
///
/// Everything else is evaluated per message: from the summary (flags, dates, size, MODSEQ,
/// sets), the cached structure (`SENT*` from the Date header, `HEADER` for the Subject,
/// Message-ID, In-Reply-To and Date fields) or the octets (`HEADER` for other fields).
public struct SearchPlan: Hashable, Sendable {
    /// The full-text queries to run with `MessageStore.search(_:in:)`, whose results go to
    /// ``start(messages:textMatches:context:)`` in the same order.
    public let textQueries: [TextSearchQuery]
    /// The object identifier queries to run with `MessageStore.search(_:in:)`, whose results
    /// go to ``start(messages:textMatches:objectIDMatches:context:)`` in the same order.
    public let objectIDQueries: [ObjectIDQuery]
    /// The most data a message may need to be decided; most are decided from less (see
    /// ``SearchEvaluation/pending``).
    public let requirement: MessageDataRequirement
    /// Whether the key has `MODSEQ`, so the response reports the highest MODSEQ (RFC 7162 §3.1.5).
    public let usesModSeq: Bool

    let root: SearchNode

    /// When the key is text criteria under AND only (`TEXT meeting`, `SUBJECT a FROM b`),
    /// the positions in ``textQueries`` whose results together are the answer: a message
    /// matches exactly when every one of them returned it, so nothing else need be read.
    /// Nil for any other key.
    public var textOnlyQueries: [Int]? {
        func collect(_ node: SearchNode, into indices: inout [Int]) -> Bool {
            switch node {
            case .text(let index): indices.append(index); return true
            case .constant(true): return true
            case .and(let nodes): return nodes.allSatisfy { collect($0, into: &indices) }
            default: return false
            }
        }
        var indices = [Int]()
        guard collect(root, into: &indices), !indices.isEmpty else { return nil }
        return indices
    }

    /// The sets of the key's `UID` and message-number keys, by slot.
    let sequenceSets: [NumberSet]

    /// Plans the evaluation of `key`; `maximumTermsPerQuery` bounds the terms of one
    /// full-text query (`MailStoreLimits.maximumSearchTerms`).
    public init(_ key: SearchKey, maximumTermsPerQuery: Int = MailStoreLimits().maximumSearchTerms) {
        var compiler = SearchCompiler()
        let compiled = compiler.compile(key, conjunctive: true)
        // The terms every match must have go to the index together, in queries of bounded size.
        var queries = compiler.queries
        var conjunction = [SearchNode]()
        var start = 0
        let chunk = max(1, maximumTermsPerQuery)
        while start < compiler.conjunctiveTerms.count {
            let end = min(start + chunk, compiler.conjunctiveTerms.count)
            conjunction.append(.text(queries.count))
            queries.append(TextSearchQuery(Array(compiler.conjunctiveTerms[start..<end])))
            start = end
        }
        let root: SearchNode = conjunction.isEmpty ? compiled : SearchCompiler.conjoin(conjunction + [compiled])
        self.root = root
        textQueries = queries
        objectIDQueries = compiler.objectIDQueries
        sequenceSets = compiler.sequenceSets
        requirement = root.requirement
        usesModSeq = compiler.usesModSeq
    }
}

/// Turns a `SearchKey` tree into a `SearchNode` tree.
struct SearchCompiler {
    var queries = [TextSearchQuery]()
    var objectIDQueries = [ObjectIDQuery]()
    /// Text terms that every match must satisfy (they stand at the top level, under AND only).
    var conjunctiveTerms = [TextSearchTerm]()
    var sequenceSets = [NumberSet]()
    var usesModSeq = false

    /// Compiles a key; `conjunctive` while the key is reached from the top through AND only.
    mutating func compile(_ key: SearchKey, conjunctive: Bool) -> SearchNode {
        switch key {
        case .all: return .constant(true)
        case .answered: return .systemFlag(.answered, true)
        case .deleted: return .systemFlag(.deleted, true)
        case .draft: return .systemFlag(.draft, true)
        case .flagged: return .systemFlag(.flagged, true)
        case .seen: return .systemFlag(.seen, true)
        case .unanswered: return .systemFlag(.answered, false)
        case .undeleted: return .systemFlag(.deleted, false)
        case .undraft: return .systemFlag(.draft, false)
        case .unflagged: return .systemFlag(.flagged, false)
        case .unseen: return .systemFlag(.seen, false)
        case .new: return .and([.recent(true), .systemFlag(.seen, false)])
        case .old: return .recent(false)
        case .recent: return .recent(true)
        case .keyword(let name): return .keyword(name.lowercased(), true)
        case .unkeyword(let name): return .keyword(name.lowercased(), false)
        case .bcc(let text): return textNode(.bcc, text, conjunctive)
        case .cc(let text): return textNode(.cc, text, conjunctive)
        case .from(let text): return textNode(.from, text, conjunctive)
        case .to(let text): return textNode(.to, text, conjunctive)
        case .subject(let text): return textNode(.subject, text, conjunctive)
        case .body(let text): return textNode(.body, text, conjunctive)
        case .text(let text): return textNode(.text, text, conjunctive)
        case .header(let name, let text): return Self.headerNode(name, text)
        case .before(let date): return .internalDay(.before, CalendarDay.day(date))
        case .on(let date): return .internalDay(.on, CalendarDay.day(date))
        case .since(let date): return .internalDay(.since, CalendarDay.day(date))
        case .sentBefore(let date): return .sentDay(.before, CalendarDay.day(date))
        case .sentOn(let date): return .sentDay(.on, CalendarDay.day(date))
        case .sentSince(let date): return .sentDay(.since, CalendarDay.day(date))
        case .savedBefore(let date): return .saveDay(.before, CalendarDay.day(date))
        case .savedOn(let date): return .saveDay(.on, CalendarDay.day(date))
        case .savedSince(let date): return .saveDay(.since, CalendarDay.day(date))
        // Every message of this store has a save date (RFC 8514 §4.2).
        case .saveDateSupported: return .constant(true)
        case .larger(let size): return .larger(size)
        case .smaller(let size): return .smaller(size)
        case .older(let seconds): return .older(Int64(seconds))
        case .younger(let seconds): return .younger(Int64(seconds))
        case .modSeq(let argument):
            usesModSeq = true
            return .modSeq(argument.value)
        case .emailID(let id): return objectIDNode(.emailID(id))
        case .threadID(let id): return objectIDNode(.threadID(id))
        case .uid(let set):
            if set == .lastResult { return .savedResult }
            sequenceSets.append(NumberSet(set: set, usesUIDs: true))
            return .uids(sequenceSets.count - 1)
        case .sequenceSet(let set):
            if set == .lastResult { return .savedResult }
            sequenceSets.append(NumberSet(set: set, usesUIDs: false))
            return .sequenceNumbers(sequenceSets.count - 1)
        case .not(let inner):
            return .not(compile(inner, conjunctive: false))
        case .or(let left, let right):
            return .or(compile(left, conjunctive: false), compile(right, conjunctive: false))
        case .and(let keys):
            return Self.conjoin(keys.map { compile($0, conjunctive: conjunctive) })
        }
    }

    private mutating func textNode(_ field: TextSearchField, _ text: String, _ conjunctive: Bool) -> SearchNode {
        let term = TextSearchTerm(field, text)
        if conjunctive {
            conjunctiveTerms.append(term)
            return .constant(true)
        }
        queries.append(TextSearchQuery([term]))
        return .text(queries.count - 1)
    }

    private mutating func objectIDNode(_ query: ObjectIDQuery) -> SearchNode {
        objectIDQueries.append(query)
        return .objectID(objectIDQueries.count - 1)
    }

    private static func headerNode(_ name: String, _ text: String) -> SearchNode {
        let field = name.lowercased()
        let folded = text.lowercased()
        switch field {
        case "subject": return .envelopeHeader(.subject, folded)
        case "message-id": return .envelopeHeader(.messageID, folded)
        case "in-reply-to": return .envelopeHeader(.inReplyTo, folded)
        case "date": return .envelopeHeader(.date, folded)
        default: return .header(field, folded)
        }
    }

    /// An AND of nodes, flattened, without constant-true members, cheapest first (so that a
    /// message is often decided before a key that needs more data is reached).
    static func conjoin(_ nodes: [SearchNode]) -> SearchNode {
        var members = [SearchNode]()
        for node in nodes {
            switch node {
            case .constant(true): continue
            case .constant(false): return .constant(false)
            case .and(let inner): members.append(contentsOf: inner)
            default: members.append(node)
            }
        }
        guard members.count != 1 else { return members[0] }
        guard !members.isEmpty else { return .constant(true) }
        let ranked = members.enumerated().sorted { ($0.element.requirement, $0.offset) < ($1.element.requirement, $1.offset) }
        return .and(ranked.map(\.element))
    }
}

/// A sequence set of a search key and whether it holds UIDs or message numbers.
struct NumberSet: Hashable, Sendable {
    var set: SequenceSet
    var usesUIDs: Bool
}
