import Crypto

/// Derives the EMAILID and THREADID of RFC 8474 §5 from what the store keeps of a message's
/// content: its SHA-256 and its ``ThreadRoot``.
///
/// Why derived from content: every copy of a message (COPY, MOVE, a delivery to several
/// mailboxes) has the same octets, so it has the same EMAILID, as §5.1 asks, wherever its
/// content row is; identical content saved twice shares one id too, which §5.1 allows. An
/// id never names different content (a collision of 96 bits is not a practical concern),
/// and no row identifier goes into it: content rows are deleted and their ids reused.
///
/// Why keyed: a bare digest of the content would be predictable, and §9 advises ids that
/// are not. Anyone who knows or guesses a message could compute its id, and an id that
/// leaked (a log, a client shared between users) would prove which octets the server saw.
/// The key is a random secret of the store, so ids are unpredictable, and the account is
/// part of the input, so the same message in two accounts has unrelated ids: an id seen in
/// one account tells nothing about another account's mail. Ids are shown only for the
/// mailbox's owning account (a shared mailbox shows its owner's ids to every reader).
///
/// The price: an id cannot be turned back into a digest, so a search by id derives the id
/// of each message of the mailbox (from its row; no octets are read).
struct ObjectIDSecret: Sendable {
    /// The octets of a secret.
    static let length = 32

    private let key: SymmetricKey

    /// A secret from its stored octets; nil unless there are ``length`` of them.
    init?(bytes: [UInt8]) {
        guard bytes.count == Self.length else { return nil }
        key = SymmetricKey(data: bytes)
    }

    /// The EMAILID of content with this digest in this account: "E" and 24 hex digits.
    func emailID(account: AccountID, content: BlobDigest) -> String {
        identifier(prefix: "E", label: Label.email, account: account, data: content.bytes)
    }

    /// The THREADID of content in this account: "T" and 24 hex digits, from the thread
    /// root; content that names no message identifier is a thread of its own.
    func threadID(account: AccountID, root: ThreadRoot?, content: BlobDigest) -> String {
        if let root { return identifier(prefix: "T", label: Label.thread, account: account, data: root.bytes) }
        return identifier(prefix: "T", label: Label.unthreaded, account: account, data: content.bytes)
    }

    /// Separates the inputs of the three kinds of id.
    private enum Label {
        static let email: UInt8 = 1, thread: UInt8 = 2, unthreaded: UInt8 = 3
    }

    private func identifier(prefix: String, label: UInt8, account: AccountID, data: [UInt8]) -> String {
        var input = [label]
        input.reserveCapacity(9 + data.count)
        withUnsafeBytes(of: account.rawValue.bigEndian) { input.append(contentsOf: $0) }
        input.append(contentsOf: data)
        let mac = HMAC<SHA256>.authenticationCode(for: input, using: key)
        return prefix + BlobDigest.hex(Array(mac).prefix(12))
    }
}
