import MailCore
import MailStore

/// CREATE, DELETE, RENAME, SUBSCRIBE, UNSUBSCRIBE, LIST, LSUB, STATUS (RFC 9051 §6.3.4–6.3.11,
/// LIST-EXTENDED RFC 5258, LIST-STATUS RFC 5819, SPECIAL-USE RFC 6154).
extension IMAPServerSession {
    mutating func create(tag: String, name: EncodedMailboxName, useAttributes: [UseAttribute]) {
        guard let mailbox = mailboxName(name, tag: tag) else { return }
        guard !mailbox.isInbox else { return no(tag, "INBOX always exists", code: .alreadyExists) }
        var specialUse: SpecialUse?
        if !useAttributes.isEmpty {
            guard useAttributes.count == 1, let use = useAttributes[0].specialUse else {
                return no(tag, "Only one special use defined by RFC 6154 can be given", code: .useAttribute)
            }
            specialUse = use
        }
        execute(.create(mailbox, specialUse: specialUse), then: .mailboxChange(tag: tag, command: "CREATE", deleted: nil))
    }

    mutating func delete(tag: String, name: EncodedMailboxName) {
        guard let mailbox = mailboxName(name, tag: tag) else { return }
        guard !mailbox.isInbox else { return no(tag, "INBOX cannot be deleted", code: .cannot) }
        execute(.delete(mailbox), then: .mailboxChange(tag: tag, command: "DELETE", deleted: mailbox))
    }

    mutating func rename(tag: String, from: EncodedMailboxName, to: EncodedMailboxName) {
        guard let source = mailboxName(from, tag: tag), let destination = mailboxName(to, tag: tag) else { return }
        guard !destination.isInbox else { return no(tag, "INBOX already exists", code: .alreadyExists) }
        execute(.rename(source, to: destination), then: .mailboxChange(tag: tag, command: "RENAME", deleted: nil))
    }

    mutating func setSubscribed(tag: String, name: EncodedMailboxName, subscribed: Bool) {
        guard let mailbox = mailboxName(name, tag: tag) else { return }
        execute(.setSubscribed(mailbox, subscribed),
                then: .mailboxChange(tag: tag, command: subscribed ? "SUBSCRIBE" : "UNSUBSCRIBE", deleted: nil))
    }

    mutating func completeMailboxChange(tag: String, command: String, deleted: MailboxName?, response: IMAPStoreResponse) {
        // CREATE answers with the new mailbox, whose MAILBOXID the tagged OK carries (RFC 8474 §4.1).
        if case .mailbox(let created) = response {
            return ok(tag, "\(command) completed", code: .mailboxID(created.id.objectID))
        }
        guard case .done = response else { return answerFailure(tag: tag, response: response) }
        if let deleted, selected?.name == deleted {
            selected = nil
            send(StatusResponse(tag: nil, status: .ok, code: .closed, text: "The selected mailbox was deleted"))
        }
        ok(tag, "\(command) completed")
    }

    mutating func list(tag: String, _ command: ListCommand) {
        let utf8 = enabled.usesUTF8
        let reference: String
        var patterns = [String]()
        do {
            reference = try command.reference.decoded(utf8Enabled: utf8)
            for pattern in command.patterns { patterns.append(try pattern.decoded(utf8Enabled: utf8)) }
        } catch {
            return bad(tag, error.description)
        }
        let selection = Set(command.selectionOptions)
        if selection.contains(.recursiveMatch) && !selection.contains(.subscribed) {
            return bad(tag, "RECURSIVEMATCH needs another selection option")
        }
        if patterns.allSatisfy(\.isEmpty) {
            // RFC 9051 §6.3.9: an empty pattern asks for the hierarchy delimiter.
            send(.list(ListResponse(attributes: [.noSelect], delimiter: MailboxName.delimiter, mailbox: "")))
            return ok(tag, "LIST completed")
        }
        var statusAttributes: [StatusAttribute]?
        var returnsSubscribed = false
        for option in command.returnOptions {
            switch option {
            case .subscribed: returnsSubscribed = true
            case .status(let attributes): statusAttributes = attributes
            case .children, .specialUse: break  // always returned
            }
        }
        if statusAttributes?.contains(.highestModSeq) == true { enableCondStoreImplicitly() }
        let query = MailboxListQuery(patterns: patterns.map { MailboxPatternMatcher(reference + $0) },
                                     subscribedOnly: selection.contains(.subscribed),
                                     recursiveMatch: selection.contains(.recursiveMatch),
                                     specialUseOnly: selection.contains(.specialUse), returnsSubscribed: returnsSubscribed)
        execute(.list(query, withStatus: statusAttributes != nil),
                then: .list(tag: tag, command: "LIST", statusAttributes: statusAttributes))
    }

    mutating func lsub(tag: String, reference: EncodedMailboxName, pattern: MailboxPattern) {
        let combined: String
        do {
            combined = try reference.decoded(utf8Enabled: enabled.usesUTF8) + pattern.decoded(utf8Enabled: enabled.usesUTF8)
        } catch {
            return bad(tag, error.description)
        }
        if combined.isEmpty {
            send(.lsub(ListResponse(attributes: [.noSelect], delimiter: MailboxName.delimiter, mailbox: "")))
            return ok(tag, "LSUB completed")
        }
        let query = MailboxListQuery(patterns: [MailboxPatternMatcher(combined)], isLSUB: true)
        execute(.list(query, withStatus: false), then: .list(tag: tag, command: "LSUB", statusAttributes: nil))
    }

    mutating func completeList(tag: String, command: String, statusAttributes: [StatusAttribute]?,
                               response: IMAPStoreResponse) {
        guard case .listed(let listed, let statuses) = response else { return answerFailure(tag: tag, response: response) }
        for mailbox in listed {
            let list = ListResponse(attributes: mailbox.attributes, delimiter: MailboxName.delimiter,
                                    mailbox: mailbox.name.rawValue, childInfo: mailbox.childInfo)
            send(command == "LSUB" ? .lsub(list) : .list(list))
            if let statusAttributes, let id = mailbox.mailbox, let status = statuses[id] {
                send(.status(mailbox: mailbox.name.rawValue, items: statusItems(statusAttributes, status)))
            }
        }
        ok(tag, "\(command) completed")
    }

    mutating func status(tag: String, name: EncodedMailboxName, attributes: [StatusAttribute]) {
        guard let mailbox = mailboxName(name, tag: tag) else { return }
        if attributes.contains(.highestModSeq) { enableCondStoreImplicitly() }
        execute(.status(mailbox), then: .status(tag: tag, attributes: attributes))
    }

    mutating func completeStatus(tag: String, attributes: [StatusAttribute], response: IMAPStoreResponse) {
        guard case .status(let info, let status) = response else { return answerFailure(tag: tag, response: response) }
        send(.status(mailbox: info.name.rawValue, items: statusItems(attributes, status)))
        ok(tag, "STATUS completed")
    }

    /// The STATUS items asked for, in the order asked.
    func statusItems(_ attributes: [StatusAttribute], _ status: MailboxStatus) -> [StatusItem] {
        attributes.map { attribute in
            switch attribute {
            case .messages: .messages(UInt32(clamping: status.messages))
            case .uidNext: .uidNext(status.uidNext.rawValue)
            case .uidValidity: .uidValidity(status.uidValidity.rawValue)
            case .unseen: .unseen(UInt32(clamping: status.unseen))
            case .deleted: .deleted(UInt32(clamping: status.deleted))
            case .size: .size(UInt64(clamping: status.size))
            case .recent: .recent(0)
            case .highestModSeq: .highestModSeq(status.highestModSequence.rawValue)
            case .appendLimit: .appendLimit(UInt64(clamping: limits.maxMessageSize))
            case .mailboxID: .mailboxID(status.mailbox.objectID)
            case .deletedStorage: .deletedStorage(QuotaUnits.kibibytes(status.deletedSize))
            }
        }
    }
}
