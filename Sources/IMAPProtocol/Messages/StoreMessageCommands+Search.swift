import MailCore
import MailStore

/// SEARCH (RFC 9051 §6.4.4, ESEARCH RFC 4731, SEARCHRES RFC 5182), SORT and THREAD
/// (RFC 5256), and their UID forms.
extension StoreMessageCommands {
    func search(_ command: SearchCommand, _ context: MessageCommandContext,
                _ store: any MailStore) async throws -> MessageCommandResult {
        let plan = SearchPlan(command.key)
        let matches: SearchMatches
        if let textOnly = plan.textOnlyQueries, !plan.usesModSeq {
            matches = try await textMatches(plan, textOnly, context, store)
        } else {
            matches = try await evaluate(command.key, context, store)
        }
        var writer = ResponseWriter(options: context.writerOptions)
        if let response = matches.result.response(to: command, tag: context.tag, extended: context.imap4rev2Enabled,
                                                  reportModSeq: matches.plan.usesModSeq) {
            writer.write(response)
        }
        let options = command.returnOptions ?? []
        return MessageCommandResult(output: writer.takeBytes(), text: "\(command.usesUIDs ? "UID SEARCH" : "SEARCH") completed",
                                    savedSearchResult: options.contains(.save) ? matches.result.savedResult(options: options) : nil,
                                    enablesCondStore: matches.plan.usesModSeq)
    }

    func sort(_ command: SortCommand, _ context: MessageCommandContext,
              _ store: any MailStore) async throws -> MessageCommandResult {
        guard command.returnOptions == nil else {
            throw MessageCommandRefusal(status: .bad, code: nil, text: "SORT RETURN (ESORT) is not supported")
        }
        let matches = try await evaluate(command.key, context, store)
        let plan = SortPlan(criteria: command.criteria)
        var keys = [MessageSortKeys]()
        keys.reserveCapacity(matches.summaries.count)
        try await MessageLoading.forEach(matches.summaries, requirement: plan.requirement, mailbox: context.mailbox,
                                         store: store) { offset, loaded in
            keys.append(plan.keys(sequenceNumber: matches.result.sequenceNumbers[offset], summary: matches.summaries[offset],
                                  structure: loaded?.structure))
        }
        let numbers = SortPlan.numbers(plan.sorted(keys), usesUIDs: command.usesUIDs)
        var writer = ResponseWriter(options: context.writerOptions)
        let modSeq = matches.plan.usesModSeq ? matches.result.highestModSequence?.rawValue : nil
        writer.write(.sort(numbers, highestModSeq: modSeq))
        return MessageCommandResult(output: writer.takeBytes(), text: "\(command.usesUIDs ? "UID SORT" : "SORT") completed",
                                    enablesCondStore: matches.plan.usesModSeq)
    }

    func thread(_ command: ThreadCommand, _ context: MessageCommandContext,
                _ store: any MailStore) async throws -> MessageCommandResult {
        let matches = try await evaluate(command.key, context, store)
        let plan = ThreadPlan(algorithm: command.algorithm)
        var messages = [ThreadMessage]()
        messages.reserveCapacity(matches.summaries.count)
        try await MessageLoading.forEach(matches.summaries, requirement: plan.requirement, mailbox: context.mailbox,
                                         store: store) { offset, loaded in
            guard let loaded else { return }
            let references = plan.needsReferencesField
                ? ThreadMessage.referencesField(in: loaded.bytes ?? [], structure: loaded.structure) : []
            messages.append(ThreadMessage(sequenceNumber: matches.result.sequenceNumbers[offset], usesUIDs: command.usesUIDs,
                                          summary: loaded.summary, structure: loaded.structure, referencesField: references))
        }
        var writer = ResponseWriter(options: context.writerOptions)
        writer.write(.thread(plan.threads(messages)))
        return MessageCommandResult(output: writer.takeBytes(),
                                    text: "\(command.usesUIDs ? "UID THREAD" : "THREAD") completed")
    }

    /// The answer to a key of text criteria only, from the full-text index alone: the UIDs
    /// every query returned, among those the client knows, numbered by their place in
    /// ``MessageCommandContext/messageUIDs``. No message summary is read, so a SEARCH TEXT
    /// over a large mailbox costs the index lookup, not a pass over the mailbox. (The
    /// summaries and mod-sequences of the result are left empty: SEARCH needs neither
    /// without MODSEQ.)
    func textMatches(_ plan: SearchPlan, _ queries: [Int], _ context: MessageCommandContext,
                     _ store: any MailStore) async throws -> SearchMatches {
        // The store answers each query ascending by UID, as the client's UIDs are: sorted
        // intersections and one merge pass, no hashing of a hundred thousand UIDs.
        var matched: [UID]?
        for index in queries {
            let found = try await store.search(plan.textQueries[index], in: context.mailbox)
            matched = matched.map { Self.intersection(of: $0, and: found) } ?? found
            if matched?.isEmpty == true { break }
        }
        let found = matched ?? []
        var numbers = [UInt32]()
        var uids = [UID]()
        var next = 0
        for (offset, uid) in context.messageUIDs.enumerated() {
            while next < found.count && found[next] < uid { next += 1 }
            guard next < found.count else { break }
            if found[next] == uid {
                numbers.append(UInt32(clamping: offset + 1))
                uids.append(uid)
            }
        }
        return SearchMatches(plan: plan, summaries: [],
                             result: SearchResult(sequenceNumbers: numbers, uids: uids,
                                                  modSequences: Array(repeating: ModSequence(0), count: uids.count)))
    }

    /// The UIDs in both ascending lists.
    static func intersection(of first: [UID], and second: [UID]) -> [UID] {
        var result = [UID]()
        var (left, right) = (0, 0)
        while left < first.count && right < second.count {
            if first[left] < second[right] {
                left += 1
            } else if second[right] < first[left] {
                right += 1
            } else {
                result.append(first[left])
                left += 1
                right += 1
            }
        }
        return result
    }

    /// The messages matching a search key, numbered as the client knows them.
    ///
    /// The evaluation runs over every message the client knows, so that message-number keys
    /// mean what the client meant; one that another session expunged since the client was
    /// told is a placeholder that never matches.
    func evaluate(_ key: SearchKey, _ context: MessageCommandContext,
                  _ store: any MailStore) async throws -> SearchMatches {
        let plan = SearchPlan(key)
        let known = try await KnownMessages.load(context, store: store)
        var messages = [MessageSummary]()
        messages.reserveCapacity(context.messageUIDs.count)
        var present = [Bool]()
        present.reserveCapacity(context.messageUIDs.count)
        var knownIndex = 0
        for uid in context.messageUIDs {
            if knownIndex < known.summaries.count && known.summaries[knownIndex].uid == uid {
                messages.append(known.summaries[knownIndex])
                present.append(true)
                knownIndex += 1
            } else {
                messages.append(MessageSummary(uid: uid, modSequence: ModSequence(0), flags: .none,
                                               internalDate: .distantPast, saveDate: .distantPast, size: 0))
                present.append(false)
            }
        }
        var textMatches = [[UID]]()
        for query in plan.textQueries {
            textMatches.append(try await store.search(query, in: context.mailbox))
        }
        var objectIDMatches = [[UID]]()
        for query in plan.objectIDQueries {
            objectIDMatches.append(try await store.search(query, in: context.mailbox))
        }
        var evaluation = plan.start(messages: messages, textMatches: textMatches, objectIDMatches: objectIDMatches,
                                    context: SearchContext(now: now(), savedResult: context.savedSearchResult))
        let pending = evaluation.pending.filter { present[$0] }
        try await MessageLoading.forEach(pending.map { messages[$0] }, requirement: plan.requirement,
                                         mailbox: context.mailbox, store: store) { offset, loaded in
            evaluation.decide(pending[offset], structure: loaded?.structure, bytes: loaded?.bytes)
        }
        let all = evaluation.result
        var numbers = [UInt32]()
        var uids = [UID]()
        var modSequences = [ModSequence]()
        var summaries = [MessageSummary]()
        for (offset, number) in all.sequenceNumbers.enumerated() where present[Int(number) - 1] {
            numbers.append(number)
            uids.append(all.uids[offset])
            modSequences.append(all.modSequences[offset])
            summaries.append(messages[Int(number) - 1])
        }
        return SearchMatches(plan: plan, summaries: summaries,
                             result: SearchResult(sequenceNumbers: numbers, uids: uids, modSequences: modSequences))
    }
}

/// What a search key matched.
struct SearchMatches {
    /// The plan the key became.
    var plan: SearchPlan
    /// The matching messages' summaries, in the order of ``result``.
    var summaries: [MessageSummary]
    /// The matches, ascending.
    var result: SearchResult
}
