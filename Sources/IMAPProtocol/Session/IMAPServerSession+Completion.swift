import MailStore

/// Completing the operation a store response answers, and answering store failures.
extension IMAPServerSession {
    mutating func complete(_ operation: PendingOperation, with response: IMAPStoreResponse) {
        switch operation {
        case .select(let tag, let readOnly, let parameters):
            completeSelect(tag: tag, readOnly: readOnly, parameters: parameters, response: response)
        case .mailboxChange(let tag, let command, let deleted):
            completeMailboxChange(tag: tag, command: command, deleted: deleted, response: response)
        case .list(let tag, let command, let statusAttributes):
            completeList(tag: tag, command: command, statusAttributes: statusAttributes, response: response)
        case .status(let tag, let attributes):
            completeStatus(tag: tag, attributes: attributes, response: response)
        case .appendTarget(let tag):
            completeAppendTarget(tag: tag, response: response)
        case .appendSpool:
            completeAppendSpool(response)
        case .appendCommit(let tag):
            completeAppend(tag: tag, response: response)
        case .store(let tag, let usesUIDs, let silent):
            completeStore(tag: tag, usesUIDs: usesUIDs, silent: silent, response: response)
        case .expunge(let tag, let usesUIDs):
            completeExpunge(tag: tag, usesUIDs: usesUIDs, response: response)
        case .close(let tag):
            // CLOSE expunges silently (RFC 9051 §6.4.1); a failure still deselects.
            if case .failed(let error) = response { return no(tag, error.description, code: Self.code(for: error)) }
            ok(tag, "CLOSE completed")
        case .copy(let tag, let command, let move, let usesUIDs):
            completeCopy(tag: tag, command: command, move: move, usesUIDs: usesUIDs, response: response)
        case .resynchronization:
            completeResynchronization(response)
        case .messageCommand(let tag, let command):
            completeMessageCommand(tag: tag, command: command, response: response)
        case .quota(let tag, let mailbox):
            completeQuota(tag: tag, mailbox: mailbox, response: response)
        case .accessControl(let tag, let command, let mailbox, let identifier):
            completeAccessControl(tag: tag, command: command, mailbox: mailbox, identifier: identifier, response: response)
        }
    }

    /// Answers a command whose store operation failed (or answered something unexpected).
    /// `missingMailbox` is the code for a mailbox that does not exist: TRYCREATE where the
    /// client may create it (APPEND, COPY, MOVE), NONEXISTENT elsewhere.
    mutating func answerFailure(tag: String, response: IMAPStoreResponse, missingMailbox: ResponseCode = .nonexistent) {
        guard case .failed(let error) = response else {
            return no(tag, "Unexpected answer from the store", code: .serverBug)
        }
        if case .mailboxNotFound = error { return no(tag, error.description, code: missingMailbox) }
        no(tag, error.description, code: Self.code(for: error))
    }

    /// The response code that says why a store operation failed.
    static func code(for error: MailStoreError) -> ResponseCode? {
        switch error {
        case .mailboxNotFound: .nonexistent
        case .mailboxExists: .alreadyExists
        case .mailboxHasChildren: .hasChildren
        case .cannotDeleteInbox, .invalidRename, .invalidKeyword, .invalidSearch, .invalidGrant: .cannot
        case .permissionDenied: .noPerm
        case .tooManyMailboxes, .tooManyKeywords, .tooManyUIDRanges: .limit
        case .messageTooLarge: .tooBig
        case .overQuota: .overQuota
        case .messageNotFound: .expungeIssued
        case .closed: .unavailable
        case .blobDamaged, .structureDamaged: .corruption
        case .storageFailure: .serverBug
        default: nil
        }
    }
}
