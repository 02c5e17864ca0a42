import MailCore
import MailStore

/// The selected mailbox as the client knows it (pure state): the sequence number ↔ UID map,
/// and the updates from the change feed and from the session's own commands that the client
/// has not been told yet, held in order until a command allows them.
///
/// Sequence number `n` is `uids[n - 1]`; the map changes only when an update is told, so
/// sequence numbers always mean what the client was last told (RFC 9051 §7.5.1). Only UIDs
/// are kept per message (4 octets each), so a selected mailbox of 100,000 messages costs
/// about 400 KB.
public struct SelectedMailbox: Sendable {
    /// The mailbox.
    public let mailbox: MailboxID
    /// Its current name (it follows renames).
    public internal(set) var name: MailboxName
    public let uidValidity: UIDValidity
    /// EXAMINE, or a SELECT of a shared mailbox without any right to change it.
    public let isReadOnly: Bool
    /// The session's rights on it (RFC 4314): every right on the account's own mailboxes.
    public let rights: MailboxRights
    /// The UIDs the client knows, ascending: sequence number `n` is `uids[n - 1]`.
    public private(set) var uids: [UID]
    /// Whether updates were dropped (the change feed or the held queue overflowed): the
    /// mailbox must be re-read (``IMAPStoreRequest/snapshot(_:)``) before telling more.
    public internal(set) var needsResync = false

    /// The keywords listed in the last FLAGS response.
    private(set) var keywords: Set<String>
    private let maximumKeywords: Int
    private var pending: [MailboxUpdate] = []
    private var pendingWeight = 0
    private let maximumPendingWeight: Int
    /// Flag changes from the feed at or below this mod-sequence are already in what the
    /// client was given (they were committed before the snapshot it came from).
    private var staleModSequence: ModSequence
    /// The highest mod-sequence of which every change has been told.
    private var reportedModSequence: ModSequence
    /// Mod-sequences of this session's recent STOREs, whose echo from the feed is dropped.
    private var ownModSequences: [ModSequence] = []
    private static let ownModSequenceMemory = 16

    /// The state right after SELECT or EXAMINE.
    init(info: MailboxInfo, snapshot: MailboxSnapshot, isReadOnly: Bool, rights: MailboxRights = .all,
         maximumPendingUpdates: Int, maximumKeywords: Int) {
        mailbox = info.id
        name = info.name
        uidValidity = snapshot.uidValidity
        self.isReadOnly = isReadOnly
        self.rights = rights
        uids = snapshot.messages.map(\.uid)
        maximumPendingWeight = maximumPendingUpdates
        self.maximumKeywords = maximumKeywords
        var keywords = Set<String>()
        for message in snapshot.messages where !message.flags.keywords.isEmpty && keywords.count < maximumKeywords {
            keywords.formUnion(message.flags.keywords.prefix(maximumKeywords - keywords.count))
        }
        self.keywords = keywords
        staleModSequence = snapshot.highestModSequence
        reportedModSequence = snapshot.highestModSequence
    }

    /// How many messages the client knows of (its `EXISTS`).
    public var count: Int { uids.count }

    /// The flags a FLAGS response lists: the system flags and the keywords in use.
    var flagList: [Flag] {
        [.answered, .flagged, .deleted, .seen, .draft] + keywords.sorted().map { Flag.keyword($0) }
    }

    /// Whether updates are held.
    var hasPendingUpdates: Bool { !pending.isEmpty }

    // MARK: Sequence numbers

    /// The sequence number of `uid`, if the client knows it.
    public func sequenceNumber(of uid: UID) -> UInt32? {
        var low = 0
        var high = uids.count - 1
        while low <= high {
            let middle = (low + high) / 2
            if uids[middle] == uid { return UInt32(middle + 1) }
            if uids[middle] < uid { low = middle + 1 } else { high = middle - 1 }
        }
        return nil
    }

    /// The UID of message `sequenceNumber`, if it exists.
    public func uid(at sequenceNumber: UInt32) -> UID? {
        guard sequenceNumber >= 1, Int(sequenceNumber) <= uids.count else { return nil }
        return uids[Int(sequenceNumber) - 1]
    }

    // MARK: Updates

    /// Holds a change of the account; changes of other mailboxes are ignored. Returns false
    /// when the change removed the mailbox itself.
    mutating func hold(_ change: StoreChange) -> Bool {
        switch change {
        case .messagesAdded(let mailbox, let added, let modSequence) where mailbox == self.mailbox:
            hold(.added(added, modSequence: modSequence))
        case .flagsChanged(let mailbox, let updates) where mailbox == self.mailbox:
            let fresh = updates.filter { $0.modSequence > staleModSequence && !ownModSequences.contains($0.modSequence) }
            if !fresh.isEmpty { hold(.flags(fresh, origin: .changeFeed)) }
        case .messagesExpunged(let mailbox, let expunged, let modSequence) where mailbox == self.mailbox:
            hold(.expunged(expunged, modSequence: modSequence))
        case .mailboxRenamed(let mailbox, _, let newName) where mailbox == self.mailbox:
            name = newName
        case .mailboxDeleted(let mailbox, _) where mailbox == self.mailbox:
            return false
        case .resyncNeeded:
            dropPendingUpdates()
        default:
            break
        }
        return true
    }

    /// Holds the outcome of this session's own STORE, and forgets the feed's echo of it.
    mutating func holdOwnStore(_ updates: [FlagUpdate], silent: Bool) {
        let modSequences = Set(updates.filter(\.changed).map(\.modSequence))
        for modSequence in modSequences {
            ownModSequences.append(modSequence)
            if ownModSequences.count > Self.ownModSequenceMemory { ownModSequences.removeFirst() }
        }
        if !modSequences.isEmpty {
            pending = pending.compactMap { update in
                guard case .flags(let held, .changeFeed) = update else { return update }
                let kept = held.filter { !modSequences.contains($0.modSequence) }
                return kept.isEmpty ? nil : .flags(kept, origin: .changeFeed)
            }
        }
        if !updates.isEmpty { hold(.flags(updates, origin: .ownStore(silent: silent))) }
    }

    /// Holds this session's own expunge (EXPUNGE, UID EXPUNGE, MOVE).
    mutating func holdOwnExpunge(_ result: ExpungeResult) {
        if !result.expunged.isEmpty { hold(.expunged(result.expunged, modSequence: result.modSequence)) }
    }

    private mutating func hold(_ update: MailboxUpdate) {
        guard !needsResync else { return }
        pending.append(update)
        pendingWeight += update.weight
        if pendingWeight > maximumPendingWeight { dropPendingUpdates() }
    }

    /// Forgets the held updates; the mailbox must be re-read.
    private mutating func dropPendingUpdates() {
        pending.removeAll()
        pendingWeight = 0
        needsResync = true
    }

    /// Replaces the held updates by the difference between what the client knows and a
    /// fresh snapshot: messages gone, messages new, flags changed since last told.
    mutating func resynchronize(with snapshot: MailboxSnapshot) {
        pending.removeAll()
        pendingWeight = 0
        needsResync = false
        var gone = [UID]()
        var changed = [FlagUpdate]()
        var index = 0
        let messages = snapshot.messages
        for uid in uids {
            while index < messages.count && messages[index].uid < uid { index += 1 }
            if index < messages.count && messages[index].uid == uid {
                let message = messages[index]
                if message.modSequence > reportedModSequence {
                    changed.append(FlagUpdate(uid: uid, flags: message.flags, modSequence: message.modSequence, changed: true))
                }
            } else {
                gone.append(uid)
            }
        }
        let last = uids.last ?? UID(0)
        let added = messages.lazy.filter { $0.uid > last }.map(\.uid)
        let modSequence = snapshot.highestModSequence
        if !gone.isEmpty { pending.append(.expunged(gone, modSequence: modSequence)) }
        if !added.isEmpty { pending.append(.added(Array(added), modSequence: modSequence)) }
        if !changed.isEmpty { pending.append(.flags(changed, origin: .snapshot)) }
        if pending.isEmpty { reportedModSequence = max(reportedModSequence, modSequence) }
        staleModSequence = max(staleModSequence, modSequence)
    }

    /// Tells the held updates that `rules` allow, in order, and returns the responses. When
    /// expunges are not allowed they stay held and the others are told: the client's view
    /// still holds the expunged messages, so the numbers of what is told stay consistent.
    mutating func tellUpdates(_ rules: UpdateRules) -> [ResponseData] {
        guard !pending.isEmpty else { return [] }
        var responses = [ResponseData]()
        var existsChanged = false
        var latestFlagChange = [UID: ModSequence]()
        for case .flags(let updates, _) in pending {
            for update in updates { latestFlagChange[update.uid] = max(latestFlagChange[update.uid] ?? .zero, update.modSequence) }
        }
        var stillHeld = [MailboxUpdate]()
        var highestTold = reportedModSequence
        for update in pending {
            switch update {
            case .added(let added, let modSequence):
                let last = uids.last ?? UID(0)
                let new = added.filter { $0 > last }.sorted()
                if !new.isEmpty {
                    uids += new
                    existsChanged = true
                }
                highestTold = max(highestTold, modSequence)
            case .expunged(let expunged, let modSequence):
                guard rules.allowsExpunges else {
                    stillHeld.append(update)
                    continue
                }
                if existsChanged {
                    responses.append(.exists(UInt32(uids.count)))
                    existsChanged = false
                }
                responses += remove(expunged, rules: rules)
                highestTold = max(highestTold, modSequence)
            case .flags(let updates, let origin):
                for flagUpdate in updates where latestFlagChange[flagUpdate.uid] == flagUpdate.modSequence {
                    guard let response = fetchResponse(for: flagUpdate, origin: origin, rules: rules,
                                                       responses: &responses, existsChanged: &existsChanged) else { continue }
                    responses.append(response)
                    highestTold = max(highestTold, flagUpdate.modSequence)
                }
            }
        }
        if existsChanged { responses.append(.exists(UInt32(uids.count))) }
        pending = stillHeld
        pendingWeight = pending.reduce(0) { $0 + $1.weight }
        if pending.isEmpty { reportedModSequence = highestTold }
        return responses
    }

    /// Removes expunged messages the client knows and returns their EXPUNGE (or VANISHED)
    /// responses; sequence numbers count down as each is told (RFC 9051 §7.5.1).
    private mutating func remove(_ expunged: [UID], rules: UpdateRules) -> [ResponseData] {
        var indices = [Int]()
        for uid in expunged.sorted() {
            if let number = sequenceNumber(of: uid) { indices.append(Int(number) - 1) }
        }
        guard !indices.isEmpty else { return [] }
        let removed = indices.map { uids[$0] }
        var keep = [UID]()
        keep.reserveCapacity(uids.count - indices.count)
        var next = 0
        for (index, uid) in uids.enumerated() {
            if next < indices.count && indices[next] == index {
                next += 1
            } else {
                keep.append(uid)
            }
        }
        uids = keep
        if rules.usesVanished {
            return [.vanished(earlier: false, uids: SequenceSet(UIDRanges.ranges(of: removed)))]
        }
        return indices.enumerated().map { position, index in .expunge(UInt32(index - position + 1)) }
    }

    /// The untagged FETCH telling one flag update, or nil when there is nothing to tell;
    /// a FLAGS response goes first when the update brings a new keyword.
    private mutating func fetchResponse(for update: FlagUpdate, origin: FlagUpdateOrigin, rules: UpdateRules,
                                        responses: inout [ResponseData], existsChanged: inout Bool) -> ResponseData? {
        guard let number = sequenceNumber(of: update.uid) else { return nil }
        var items = [FetchResponseItem]()
        if case .ownStore(silent: true) = origin {
            // RFC 7162 §3.1.3: even with .SILENT, a changed message's new MODSEQ is sent.
            guard rules.includesModSequence, update.changed else { return nil }
        } else {
            let newKeywords = update.flags.keywords.subtracting(keywords)
            if !newKeywords.isEmpty && keywords.count + newKeywords.count <= maximumKeywords {
                keywords.formUnion(newKeywords)
                responses.append(.flags(flagList))
            }
            items.append(.flags(update.flags.imapFlags()))
        }
        if existsChanged {
            responses.append(.exists(UInt32(uids.count)))
            existsChanged = false
        }
        if rules.includesUID { items.insert(.uid(update.uid.rawValue), at: 0) }
        if rules.includesModSequence { items.append(.modSeq(update.modSequence.rawValue)) }
        return .fetch(sequenceNumber: number, items: items)
    }
}
