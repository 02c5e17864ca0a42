import MailCore
import MailStore

/// EXPUNGE, UID EXPUNGE, STORE, COPY, MOVE and their UID forms (RFC 9051 §6.4, UIDPLUS
/// RFC 4315, CONDSTORE RFC 7162 §3.1.3, MOVE RFC 6851).
extension IMAPServerSession {
    /// The UIDs a command's set names; nil after answering the command.
    mutating func uidSet(for set: SequenceSet, usesUIDs: Bool, tag: String, in mailbox: SelectedMailbox) -> UIDSet? {
        do {
            return try mailbox.uidSet(for: set, usesUIDs: usesUIDs, savedResult: savedSearchResult)
        } catch .invalidSequenceNumber {
            bad(tag, "Invalid message sequence number")
        } catch {
            no(tag, "Too many ranges in one command", code: .limit)
        }
        return nil
    }

    mutating func expunge(tag: String, set: SequenceSet?, _ mailbox: SelectedMailbox) {
        guard !mailbox.isReadOnly else { return no(tag, "The mailbox is read-only", code: .readOnly) }
        guard mailbox.rights.contains(.expunge) else { return refuseMissing(.expunge, in: mailbox, tag: tag) }
        let uids: UIDSet
        if let set {
            guard let resolved = uidSet(for: set, usesUIDs: true, tag: tag, in: mailbox) else { return }
            uids = resolved
        } else {
            // Only messages the client knows: it cannot have meant one it was not told about.
            guard let last = mailbox.uids.last else {
                tellUpdates(allowsExpunges: true)
                return ok(tag, "EXPUNGE completed")
            }
            uids = UIDSet(UID.min...last)
        }
        execute(.expunge(uids, in: mailbox.mailbox, onlyDeleted: true), then: .expunge(tag: tag, usesUIDs: set != nil))
    }

    mutating func completeExpunge(tag: String, usesUIDs: Bool, response: IMAPStoreResponse) {
        guard case .expunged(let result) = response else { return answerFailure(tag: tag, response: response) }
        selected?.holdOwnExpunge(result)
        tellUpdates(allowsExpunges: true, usesUIDs: usesUIDs)
        // RFC 7162 §3.2.10: the new HIGHESTMODSEQ comes with the completion under QRESYNC.
        let code: ResponseCode? = enabled.qresync ? .highestModSeq(result.modSequence.rawValue) : nil
        ok(tag, "\(usesUIDs ? "UID EXPUNGE" : "EXPUNGE") completed", code: code)
    }

    mutating func storeFlags(tag: String, _ command: StoreCommand, _ mailbox: SelectedMailbox) {
        guard !mailbox.isReadOnly else { return no(tag, "The mailbox is read-only", code: .readOnly) }
        let flags: MessageFlags
        do {
            flags = try FlagConversion.messageFlags(command.flags)
        } catch {
            return bad(tag, error.description)
        }
        guard let uids = uidSet(for: command.sequenceSet, usesUIDs: command.usesUIDs, tag: tag, in: mailbox) else { return }
        if command.unchangedSince != nil { enableCondStoreImplicitly() }
        let change: FlagChange = switch command.operation {
        case .replace: .replace(flags)
        case .add: .add(flags)
        case .remove: .remove(flags)
        }
        let needed = MailboxRights(toChange: change)
        guard mailbox.rights.isSuperset(of: needed) else { return refuseMissing(needed, in: mailbox, tag: tag) }
        execute(.storeFlags(change, uids, in: mailbox.mailbox, unchangedSince: command.unchangedSince.map { ModSequence($0) }),
                then: .store(tag: tag, usesUIDs: command.usesUIDs, silent: command.silent))
    }

    mutating func completeStore(tag: String, usesUIDs: Bool, silent: Bool, response: IMAPStoreResponse) {
        guard case .flagsStored(let result) = response else { return answerFailure(tag: tag, response: response) }
        selected?.holdOwnStore(result.updates, silent: silent)
        // RFC 9051 §7.5.1: no EXPUNGE while answering a STORE that is not a UID STORE.
        tellUpdates(allowsExpunges: usesUIDs, usesUIDs: usesUIDs)
        var code: ResponseCode?
        if !result.failedUnchangedSince.isEmpty {
            // RFC 7162 §3.1.3: MODIFIED lists UIDs for UID STORE, sequence numbers for STORE.
            let numbers = usesUIDs ? result.failedUnchangedSince
                : result.failedUnchangedSince.compactMap { selected?.sequenceNumber(of: $0) }.map { UID($0) }
            code = .modified(SequenceSet(UIDRanges.ranges(of: numbers.sorted())))
        }
        ok(tag, "\(usesUIDs ? "UID STORE" : "STORE") completed", code: code)
    }

    mutating func copy(tag: String, _ command: CopyCommand, move: Bool, _ mailbox: SelectedMailbox) {
        if move && mailbox.isReadOnly { return no(tag, "The mailbox is read-only", code: .readOnly) }
        // RFC 6851 §3.3: MOVE needs the rights of STORE \Deleted and EXPUNGE on the source.
        let needed: MailboxRights = [.deleteMessages, .expunge]
        if move && !mailbox.rights.isSuperset(of: needed) { return refuseMissing(needed, in: mailbox, tag: tag) }
        guard let uids = uidSet(for: command.sequenceSet, usesUIDs: command.usesUIDs, tag: tag, in: mailbox),
              let destination = mailboxName(command.mailbox, tag: tag) else { return }
        let name = (command.usesUIDs ? "UID " : "") + (move ? "MOVE" : "COPY")
        execute(.copy(uids, from: mailbox.mailbox, to: destination, move: move),
                then: .copy(tag: tag, command: name, move: move, usesUIDs: command.usesUIDs))
    }

    mutating func completeCopy(tag: String, command: String, move: Bool, usesUIDs: Bool, response: IMAPStoreResponse) {
        guard case .copied(let result) = response else {
            return answerFailure(tag: tag, response: response, missingMailbox: .tryCreate)
        }
        var code: ResponseCode?
        if !result.mappings.isEmpty {
            code = .copyUID(uidValidity: result.destinationUIDValidity.rawValue,
                            source: SequenceSet(UIDRanges.ranges(of: result.mappings.map(\.source))),
                            destination: SequenceSet(UIDRanges.ranges(of: result.mappings.map(\.destination))))
        }
        if move {
            // RFC 6851 §4.3: COPYUID goes in an untagged OK before the expunges.
            if let code { send(StatusResponse(tag: nil, status: .ok, code: code, text: "Moved")) }
            if let expunge = result.sourceExpunge { selected?.holdOwnExpunge(expunge) }
            tellUpdates(allowsExpunges: true, usesUIDs: usesUIDs)
            let highest: ResponseCode? = enabled.qresync ? result.sourceExpunge.map { .highestModSeq($0.modSequence.rawValue) } : nil
            return ok(tag, "\(command) completed", code: highest)
        }
        tellUpdates(allowsExpunges: true, usesUIDs: usesUIDs)
        ok(tag, "\(command) completed", code: code)
    }

    /// NO [NOPERM] for a command on a shared mailbox that needs rights the session lacks.
    private mutating func refuseMissing(_ needed: MailboxRights, in mailbox: SelectedMailbox, tag: String) {
        no(tag, "Permission denied: the rights \(needed.subtracting(mailbox.rights).standardLetters) are missing",
           code: .noPerm)
    }
}
