import MailCore
import MailStore

/// SELECT, EXAMINE, CLOSE (RFC 9051 §6.3.2, §6.3.3, §6.4.1; CONDSTORE and QRESYNC
/// parameters of RFC 7162 §3.1.8, §3.2.5).
extension IMAPServerSession {
    mutating func select(tag: String, name: EncodedMailboxName, parameters: SelectParameters, readOnly: Bool) {
        if parameters.qresync != nil && !enabled.qresync {
            return bad(tag, "QRESYNC must be enabled first")
        }
        // RFC 9051 §6.3.2: selecting deselects the current mailbox, even if the new one fails.
        if selected != nil {
            selected = nil
            send(StatusResponse(tag: nil, status: .ok, code: .closed, text: "Previous mailbox closed"))
        }
        guard let mailbox = mailboxName(name, tag: tag) else { return }
        if parameters.condStore { enableCondStoreImplicitly() }
        let since = parameters.qresync.map { ModSequence($0.modSeq) }
        // RFC 9051 §6.3.2: an IMAP4rev2 client gets the mailbox's LIST response too.
        execute(.select(mailbox, expungedSince: since, withListing: enabled.imap4rev2), then: .select(tag: tag, readOnly: readOnly, parameters: parameters))
    }

    mutating func completeSelect(tag: String, readOnly: Bool, parameters: SelectParameters, response: IMAPStoreResponse) {
        guard case .selected(let info, let snapshot, let expunged, let listing, let rights) = response else {
            return answerFailure(tag: tag, response: response)
        }
        // RFC 4314 §4: a shared mailbox without a right to change flags or expunge opens read-only.
        let opensReadOnly = readOnly || rights.isDisjoint(with: [.keepSeen, .write, .deleteMessages, .expunge])
        let mailbox = SelectedMailbox(info: info, snapshot: snapshot, isReadOnly: opensReadOnly, rights: rights,
                                      maximumPendingUpdates: configuration.maximumPendingUpdates,
                                      maximumKeywords: configuration.maximumListedKeywords)
        selected = mailbox
        send(.flags(mailbox.flagList))
        send(.exists(UInt32(mailbox.count)))
        if let listing {
            send(.list(ListResponse(attributes: listing.attributes, delimiter: MailboxName.delimiter,
                                    mailbox: listing.name.rawValue)))
        }
        if !enabled.imap4rev2 {
            send(.recent(0))
            if let firstUnseen = snapshot.messages.firstIndex(where: { !$0.flags.isSeen }) {
                send(StatusResponse(tag: nil, status: .ok, code: .unseen(UInt32(firstUnseen + 1)), text: "First unseen"))
            }
        }
        send(StatusResponse(tag: nil, status: .ok, code: .uidValidity(snapshot.uidValidity.rawValue), text: "UIDs valid"))
        send(StatusResponse(tag: nil, status: .ok, code: .uidNext(snapshot.uidNext.rawValue), text: "Predicted next UID"))
        send(StatusResponse(tag: nil, status: .ok, code: .highestModSeq(snapshot.highestModSequence.rawValue),
                            text: "Highest mod-sequence"))
        send(StatusResponse(tag: nil, status: .ok, code: .mailboxID(info.id.objectID), text: "Mailbox identifier"))
        let permanent = opensReadOnly ? [] : Self.permanentFlags(rights)
        send(StatusResponse(tag: nil, status: .ok,
                            code: .permanentFlags(permanent, allowsNewKeywords: !opensReadOnly && rights.contains(.write)),
                            text: opensReadOnly ? "No permanent flags permitted" : "Flags permitted"))
        if let qresync = parameters.qresync, qresync.uidValidity == snapshot.uidValidity.rawValue {
            resynchronizeClient(qresync, snapshot: snapshot, expunged: expunged)
        }
        ok(tag, "\(readOnly ? "EXAMINE" : "SELECT") completed", code: opensReadOnly ? .readOnly : .readWrite)
    }

    /// The flags the session may change for good (RFC 4314 §4: `\Seen` with `s`,
    /// `\Deleted` with `t`, the others with `w`).
    static func permanentFlags(_ rights: MailboxRights) -> [Flag] {
        var flags = [Flag]()
        if rights.contains(.write) { flags += [.answered, .flagged] }
        if rights.contains(.deleteMessages) { flags.append(.deleted) }
        if rights.contains(.keepSeen) { flags.append(.seen) }
        if rights.contains(.write) { flags.append(.draft) }
        return flags
    }

    /// QRESYNC (RFC 7162 §3.2.5): the UIDs expunged since the client's mod-sequence (only
    /// among the UIDs it says it knows), then the flags of every message changed since.
    private mutating func resynchronizeClient(_ qresync: QResyncParameters, snapshot: MailboxSnapshot,
                                              expunged: ExpungedSince?) {
        var vanished = expunged?.uids ?? []
        if let known = qresync.knownUIDs, let ranges = known.resolved(last: snapshot.uidNext.rawValue) {
            vanished = vanished.filter { UIDRanges.contains(ranges, $0.rawValue) }
        }
        if !vanished.isEmpty {
            send(.vanished(earlier: true, uids: SequenceSet(UIDRanges.ranges(of: vanished))))
        }
        let since = ModSequence(qresync.modSeq)
        for (index, message) in snapshot.messages.enumerated() where message.modSequence > since {
            send(.fetch(sequenceNumber: UInt32(index + 1),
                        items: [.uid(message.uid.rawValue), .flags(message.flags.imapFlags()),
                                .modSeq(message.modSequence.rawValue)]))
        }
    }

    /// CLOSE: expunges `\Deleted` messages silently (not in a read-only mailbox) and deselects.
    mutating func close(tag: String, _ mailbox: SelectedMailbox) {
        selected = nil
        // RFC 4314 §4: without `e`, CLOSE deselects without expunging.
        guard !mailbox.isReadOnly, mailbox.rights.contains(.expunge), let last = mailbox.uids.last else {
            return ok(tag, "CLOSE completed")
        }
        execute(.expunge(UIDSet(UID.min...last), in: mailbox.mailbox, onlyDeleted: true), then: .close(tag: tag))
    }

    /// Re-reads the selected mailbox after the change feed overflowed.
    mutating func requestResynchronization() {
        guard let selected else { return }
        execute(.snapshot(selected.mailbox), then: .resynchronization)
    }

    mutating func completeResynchronization(_ response: IMAPStoreResponse) {
        guard case .snapshot(let snapshot) = response else {
            // The mailbox cannot be read any more (deleted meanwhile): the client must reselect.
            return closeConnection(bye: "The selected mailbox is no longer available")
        }
        selected?.resynchronize(with: snapshot)
    }
}
