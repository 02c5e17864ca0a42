/// What one write request did besides its SQL, to be acted on only once it is committed:
/// the changes to publish and the blob files no row needs any more.
/// Used only on the writer while the request runs, never shared.
final class WriteContext {
    var changes: [(account: AccountID, change: StoreChange)] = []
    var unneededBlobFiles: [BlobDigest] = []

    func publish(_ change: StoreChange, to account: AccountID) {
        changes.append((account, change))
    }

    var effects: WriteEffects {
        WriteEffects(changes: changes, unneededBlobFiles: unneededBlobFiles)
    }
}

/// The after-commit part of a write request.
struct WriteEffects: Sendable {
    var changes: [(account: AccountID, change: StoreChange)] = []
    var unneededBlobFiles: [BlobDigest] = []

    static let none = WriteEffects()
}
