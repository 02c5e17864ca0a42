import Locking

/// Content that a delivery is preparing or committing right now, so that nothing deletes
/// its blob file in between.
///
/// A delivery takes a lease before it looks for or writes the blob file and gives it back
/// after its commit. Deleting a blob file happens inside `removeIfUnleased`, under the same
/// lock, so "check that nothing needs it, then delete" cannot interleave with "take a lease,
/// then find the file present".
final class BlobLeases: Sendable {
    private let counts = Locked<[BlobDigest: Int]>([:])

    func acquire(_ digest: BlobDigest) {
        counts.withLock { $0[digest, default: 0] += 1 }
    }

    func release(_ digest: BlobDigest) {
        counts.withLock { counts in
            let remaining = (counts[digest] ?? 1) - 1
            counts[digest] = remaining > 0 ? remaining : nil
        }
    }

    func isLeased(_ digest: BlobDigest) -> Bool {
        counts.withLock { $0[digest] != nil }
    }

    /// Runs `remove` unless `digest` is leased, holding the lock meanwhile so that no lease
    /// can be taken. Returns whether `remove` ran and said it removed something.
    func removeIfUnleased(_ digest: BlobDigest, _ remove: () throws(MailStoreError) -> Bool) throws(MailStoreError) -> Bool {
        try counts.withLock { (counts: inout [BlobDigest: Int]) throws(MailStoreError) -> Bool in
            guard counts[digest] == nil else { return false }
            return try remove()
        }
    }
}
