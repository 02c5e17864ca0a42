import Foundation
internal import GRDB
import MailCore

/// Moving content from the search indexer's queue into the full-text index (see
/// `SearchIndexer` for why this happens after the delivery's commit).
extension SQLiteMailStore {
    /// Indexes every queued blob that a message of the mailbox refers to, in batches, at
    /// normal priority. `search` runs it first, so it finds every message delivered before.
    /// It works from the newest end of the queue, the background loop from the oldest, so
    /// that after a burst of deliveries the two meet instead of parsing the same messages.
    func indexPendingContent(ofMailbox mailbox: Int64) async throws(MailStoreError) {
        var remaining = try await read { db in try SearchIndexSQL.pending(db, mailbox: mailbox) }
        while !remaining.isEmpty {
            let range = PendingEntry.batch(remaining[...], fromEnd: true, count: limits.searchIndexBatchSize,
                                           octets: limits.searchIndexBatchOctets)
            guard let last = try await indexBatch(remaining[range].map(\.blobID), inBackground: false) else { return }
            // What the text budget left of the batch (ids above `last`) stays for the next one.
            remaining.removeSubrange(range.lowerBound ..< (remaining[range].firstIndex { $0.blobID > last } ?? range.upperBound))
        }
    }

    /// Indexes one batch from the head of the queue for the background loop; when nothing
    /// waits to be indexed, removes a batch of stale index rows instead. Returns false when
    /// there was neither.
    func indexNextBatchInBackground() async throws(MailStoreError) -> Bool {
        let limit = max(1, limits.searchIndexBatchSize)
        let entries = try await read { db in try SearchIndexSQL.pending(db, limit: limit) }
        guard !entries.isEmpty else {
            let committer = self.committer
            let removed = try await committer.submit(priority: .idle) { db, _ in
                try SearchIndexSQL.removeStale(db, limit: limit, shouldYield: { committer.hasQueuedRequests })
            }
            return removed > 0
        }
        let range = PendingEntry.batch(entries[...], count: limit, octets: limits.searchIndexBatchOctets)
        _ = try await indexBatch(entries[range].map(\.blobID), inBackground: true)
        return true
    }

    /// How many blobs wait for the search indexer.
    public func searchIndexBacklog() async throws(MailStoreError) -> Int {
        try await read { db in try SearchIndexSQL.pendingCount(db) }
    }

    /// Blobs this store instance has put into the full-text index since it was opened.
    public var blobsIndexed: Int { indexedCount.load(ordering: .relaxed) }

    /// Reads and parses the blobs among `ids` (ascending) that are still queued, in order,
    /// until the batch's text budget is reached, and indexes them: in one transaction at
    /// normal priority, or in the background as `writeInBackground` does.
    /// Returns the last id dealt with (nil when `ids` is empty): everything up to it is
    /// either indexed now or no longer queued.
    private func indexBatch(_ ids: [Int64], inBackground: Bool) async throws(MailStoreError) -> Int64? {
        guard let lastRequested = ids.last else { return nil }
        let pending = try await read { db in try SearchIndexSQL.load(db, ids: ids) }
        guard !pending.isEmpty else { return lastRequested }
        let layout = self.layout
        let analyzer = self.analyzer
        let limits = self.limits
        let extract: @Sendable () -> (texts: [ExtractedText], last: Int64) = {
            Self.extractTexts(pending, layout: layout, analyzer: analyzer, limits: limits)
        }
        let extracted: (texts: [ExtractedText], last: Int64)
        if inBackground {
            extracted = await indexer.runInBackground(extract)
        } else {
            extracted = try await fileIO.run { () throws(MailStoreError) in extract() }
        }
        if inBackground {
            try await writeInBackground(extracted.texts)
        } else {
            let texts = extracted.texts[...]
            let outcome = try await committer.submit { db, _ in try SearchIndexSQL.insert(db, texts) }
            indexedCount.add(outcome.indexed, ordering: .relaxed)
        }
        // The whole request is dealt with when the budget did not cut the batch short.
        return extracted.last == pending.last?.blobID ? lastRequested : extracted.last
    }

    /// Writes extracted texts with idle priority. When deliveries queue up meanwhile, a
    /// transaction stops after `searchIndexMinimumOctetsPerTransaction` of text and
    /// commits, and the rest waits for the writer's next quiet moment: a long batch is
    /// cheaper per message (FTS5 writes one segment per transaction), but must not hold
    /// deliveries up.
    private func writeInBackground(_ texts: [ExtractedText]) async throws(MailStoreError) {
        let minimum = limits.searchIndexMinimumOctetsPerTransaction
        let committer = self.committer
        var remaining = texts[...]
        while !remaining.isEmpty {
            let slice = remaining
            let outcome = try await committer.submit(priority: .idle) { db, _ in
                try SearchIndexSQL.insert(db, slice, minimumOctets: minimum, shouldYield: { committer.hasQueuedRequests })
            }
            indexedCount.add(outcome.indexed, ordering: .relaxed)
            remaining = remaining.dropFirst(max(1, outcome.dealt))
        }
    }

    /// The text of each pending blob, in order, until the texts reach the batch budget (at
    /// least one). A blob whose file cannot be read gets an empty text: either it was
    /// deleted meanwhile (then the insert skips it) or its file is damaged, which
    /// `checkInvariants` reports; either way the queue moves on.
    private static func extractTexts(_ pending: [PendingContent], layout: StoreLayout, analyzer: MessageAnalyzer,
                                     limits: MailStoreLimits) -> (texts: [ExtractedText], last: Int64) {
        var texts: [ExtractedText] = []
        var octets = 0
        var last: Int64 = 0
        for item in pending {
            let bytes = item.inlineContent
                ?? (try? DurableFiles.readFile(layout.blobPath(of: item.digest), limit: max(item.size, limits.maximumMessageSize)))
            let text = bytes.map { indexedText(analyzer.searchText($0), limit: limits.maximumIndexedTextLength) } ?? SearchableText()
            let extracted = ExtractedText(blobID: item.blobID, text: text)
            texts.append(extracted)
            last = item.blobID
            octets += extracted.octets
            if octets >= limits.searchIndexBatchOctets { break }
        }
        return (texts, last)
    }

    /// The parser's text, each field cut to the indexing limit.
    private static func indexedText(_ text: SearchableText, limit: Int) -> SearchableText {
        func cut(_ value: String) -> String {
            value.utf8.count <= limit ? value : String(decoding: value.utf8.prefix(limit), as: UTF8.self)
        }
        return SearchableText(subject: cut(text.subject), from: cut(text.from), to: cut(text.to), cc: cut(text.cc),
                              bcc: cut(text.bcc), body: cut(text.body))
    }
}
