/// What one write request did besides its SQL, to be acted on only once it is committed:
/// the changes to publish, the blob files no row needs any more, and whether the search
/// indexer has work (new content to index, or index rows of deleted content to remove).
/// Used only on the writer while the request runs, never shared.
final class WriteContext {
    var changes: [(account: AccountID, change: StoreChange)] = []
    var unneededBlobFiles: [BlobDigest] = []
    var queuedForIndexing = false

    func publish(_ change: StoreChange, to account: AccountID) {
        changes.append((account, change))
    }

    /// Takes over what another context collected.
    func absorb(_ other: WriteContext) {
        changes.append(contentsOf: other.changes)
        unneededBlobFiles.append(contentsOf: other.unneededBlobFiles)
        queuedForIndexing = queuedForIndexing || other.queuedForIndexing
    }

    var effects: WriteEffects {
        WriteEffects(changes: changes, unneededBlobFiles: unneededBlobFiles, queuedForIndexing: queuedForIndexing)
    }
}

/// The after-commit part of a write request.
struct WriteEffects: Sendable {
    var changes: [(account: AccountID, change: StoreChange)] = []
    var unneededBlobFiles: [BlobDigest] = []
    var queuedForIndexing = false

    static let none = WriteEffects()
}
