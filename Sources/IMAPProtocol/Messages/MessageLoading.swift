import MailCore
import MailStore

/// Loads the messages a command serves with no more data than it needs, many at a time:
/// one store trip per batch rather than one per message (each trip crosses threads), and
/// batches bounded in octets so that a FETCH of a large mailbox never holds more than one
/// batch of message bodies in memory.
enum MessageLoading {
    /// The most message octets one batch loads (at least one message).
    static let maximumBatchOctets = 8 << 20
    /// The most messages one batch loads.
    static let maximumBatchCount = 128

    /// Calls `body` with the offset of each summary and the message with the data of
    /// `requirement` (nil when it is no longer there), in order; `withObjectIDs` adds the
    /// messages' RFC 8474 identifiers.
    static func forEach(_ summaries: [MessageSummary], requirement: MessageDataRequirement, withObjectIDs: Bool = false,
                        mailbox: MailboxID, store: any MailStore, _ body: (Int, FetchMessage?) async throws -> Void) async throws {
        guard requirement != .summary || withObjectIDs else {
            for (offset, summary) in summaries.enumerated() { try await body(offset, FetchMessage(summary: summary)) }
            return
        }
        var start = 0
        while start < summaries.count {
            var end = start
            var octets = 0
            while end < summaries.count, end - start < maximumBatchCount {
                // A header is bounded by its message's size: headers count as whole messages.
                if requirement >= .header, end > start, octets + summaries[end].size > maximumBatchOctets { break }
                octets += summaries[end].size
                end += 1
            }
            let batch = summaries[start..<end]
            var messages = try await load(batch, requirement: requirement, mailbox: mailbox, store: store)
            if withObjectIDs {
                let identifiers = try await store.objectIDs(of: batch.map(\.uid), in: mailbox)
                for index in messages.indices {
                    guard let uid = messages[index]?.summary.uid else { continue }
                    // A message expunged since its summary was read has no identifiers: it is left out.
                    guard let found = identifiers[uid] else {
                        messages[index] = nil
                        continue
                    }
                    messages[index]?.emailID = found.emailID
                    messages[index]?.threadID = found.threadID
                }
            }
            for (offset, message) in zip(batch.indices, messages) { try await body(offset, message) }
            start = end
        }
    }

    /// The messages of one batch with the data of `requirement`, in order (nil for those no
    /// longer there).
    private static func load(_ batch: ArraySlice<MessageSummary>, requirement: MessageDataRequirement, mailbox: MailboxID,
                             store: any MailStore) async throws -> [FetchMessage?] {
        let uids = batch.map(\.uid)
        switch requirement {
        case .summary:
            return batch.map { FetchMessage(summary: $0) }
        case .structure:
            let structures = try await store.structures(of: uids, in: mailbox)
            return batch.map { summary in structures[summary.uid].map { FetchMessage(summary: summary, structure: $0) } }
        case .header, .content:
            var contents = [UID: MessageContent]()
            let loaded = requirement == .header ? try await store.headers(of: uids, in: mailbox)
                : try await store.contents(of: uids, in: mailbox)
            for content in loaded { contents[content.summary.uid] = content }
            return batch.map { summary in
                contents.removeValue(forKey: summary.uid).map {
                    FetchMessage(summary: summary, structure: $0.structure, bytes: $0.bytes)
                }
            }
        }
    }
}
