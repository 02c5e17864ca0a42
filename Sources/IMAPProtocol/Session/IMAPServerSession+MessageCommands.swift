import MailStore

/// FETCH, SEARCH, SORT, THREAD and their UID forms: the session checks the state and hands
/// them to the executor's ``IMAPMessageCommandHandler`` (see there), then tells the updates
/// the command allows and completes it.
extension IMAPServerSession {
    mutating func runMessageCommand(tag: String, _ command: IMAPCommand, _ mailbox: SelectedMailbox) {
        let context = MessageCommandContext(tag: tag, command: command, mailbox: mailbox.mailbox,
                                            uidValidity: mailbox.uidValidity,
                                            // RFC 4314 §4: FETCH sets \Seen only with `s`.
                                            isReadOnly: mailbox.isReadOnly || !mailbox.rights.contains(.keepSeen),
                                            messageUIDs: mailbox.uids, savedSearchResult: savedSearchResult,
                                            condStoreEnabled: enabled.condStore, qresyncEnabled: enabled.qresync,
                                            imap4rev2Enabled: enabled.imap4rev2, writerOptions: writer.options)
        execute(.messageCommand(context), then: .messageCommand(tag: tag, command: command))
    }

    mutating func completeMessageCommand(tag: String, command: IMAPCommand, response: IMAPStoreResponse) {
        guard case .messageCommandCompleted(let result) = response else { return answerFailure(tag: tag, response: response) }
        if !result.output.isEmpty {
            flushOutput()
            outbox.append(.send(result.output))
        }
        if let saved = result.savedSearchResult { savedSearchResult = saved }
        if result.enablesCondStore { enableCondStoreImplicitly() }
        if !result.flagUpdates.isEmpty { selected?.holdOwnStore(result.flagUpdates, silent: true) }
        // RFC 9051 §7.5.1: no EXPUNGE while answering FETCH or SEARCH (nor SORT, THREAD)
        // unless it is the UID form.
        let usesUIDs = Self.usesUIDs(command)
        tellUpdates(allowsExpunges: usesUIDs, usesUIDs: usesUIDs)
        let completion = StatusResponse(tag: tag, status: result.status, code: result.code, text: result.text)
        send(completion)
        if result.status == .bad { countBadCommand() }
    }

    private static func usesUIDs(_ command: IMAPCommand) -> Bool {
        switch command {
        case .fetch(let fetch): fetch.usesUIDs
        case .search(let search): search.usesUIDs
        case .sort(let sort): sort.usesUIDs
        case .thread(let thread): thread.usesUIDs
        default: false
        }
    }
}
