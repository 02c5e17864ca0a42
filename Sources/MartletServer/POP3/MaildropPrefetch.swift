/// Message contents a POP3 session reads ahead: a RETR or TOP that misses reads its message
/// and the next ones of the maildrop in one store trip, so that a client collecting in
/// order (as fetchmail and phones do) costs one trip per batch rather than per message.
///
/// Bounded to `maximumOctets` and `maximumMessages` held at a time. A message another
/// session expunges is dropped at once and never held afterwards (`expunged`), so RETR of
/// it answers -ERR as it would without the read-ahead.
struct MaildropPrefetch {
    static let maximumOctets = 1 << 20
    static let maximumMessages = 32

    private let order: [UInt32]
    private let sizes: [UInt32: Int]
    private let positions: [UInt32: Int]
    private var held: [UInt32: [UInt8]] = [:]
    private var heldOctets = 0
    private var gone: Set<UInt32> = []

    /// A read-ahead over the maildrop's messages, in message-number order.
    init(messages: [(uid: UInt32, size: Int)]) {
        order = messages.map(\.uid)
        var sizes = [UInt32: Int](minimumCapacity: messages.count)
        var positions = [UInt32: Int](minimumCapacity: messages.count)
        for (index, message) in messages.enumerated() {
            sizes[message.uid] = message.size
            positions[message.uid] = index
        }
        self.sizes = sizes
        self.positions = positions
    }

    /// The content of `uid` if it was read ahead; it is no longer held afterwards.
    mutating func take(_ uid: UInt32) -> [UInt8]? {
        guard let bytes = held.removeValue(forKey: uid) else { return nil }
        heldOctets -= bytes.count
        return bytes
    }

    /// What to read for a miss on `uid`: it, then the following messages not held yet,
    /// while the budget allows.
    func batch(from uid: UInt32) -> [UInt32] {
        var uids = [uid]
        guard let start = positions[uid] else { return uids }
        var octets = sizes[uid] ?? 0
        var index = start + 1
        while index < order.count, uids.count < Self.maximumMessages - held.count {
            let next = order[index]
            index += 1
            guard held[next] == nil, !gone.contains(next) else { continue }
            let size = sizes[next] ?? 0
            guard heldOctets + octets + size <= Self.maximumOctets else { break }
            octets += size
            uids.append(next)
        }
        return uids
    }

    /// Keeps a content read ahead, unless its message was expunged meanwhile or the budget
    /// is spent.
    mutating func hold(_ uid: UInt32, _ bytes: [UInt8]) {
        guard !gone.contains(uid), held[uid] == nil, held.count < Self.maximumMessages,
              heldOctets + bytes.count <= Self.maximumOctets else { return }
        held[uid] = bytes
        heldOctets += bytes.count
    }

    /// Another session expunged these messages: forget them.
    mutating func expunged(_ uids: [UInt32]) {
        for uid in uids {
            gone.insert(uid)
            if let bytes = held.removeValue(forKey: uid) { heldOctets -= bytes.count }
        }
    }
}
