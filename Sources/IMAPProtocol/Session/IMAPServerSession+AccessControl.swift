import MailCore
import MailStore

/// SETACL, DELETEACL, GETACL, LISTRIGHTS and MYRIGHTS (RFC 4314 §3). The executor finds the
/// mailbox and checks the rights (`a` for all but MYRIGHTS); the session checks the
/// arguments and writes the responses.
extension IMAPServerSession {
    mutating func accessControl(tag: String, _ command: IMAPCommand) {
        let request: AccessControlRequest
        let name: EncodedMailboxName
        var identifier: String?
        switch command {
        case .setACL(let mailbox, let identifier, let modification):
            // RFC 4314 §3.1: a right the server does not know makes the command BAD.
            guard let rights = MailboxRights(letters: modification.rights) else {
                return bad(tag, "Unknown right in \"\(modification.rights)\"; rights are letters of lrswipkxteacd")
            }
            (name, request) = (mailbox, .setRights(identifier: identifier, operation: modification.operation, rights: rights))
        case .deleteACL(let mailbox, let identifier): (name, request) = (mailbox, .deleteRights(identifier: identifier))
        case .getACL(let mailbox): (name, request) = (mailbox, .getACL)
        case .listRights(let mailbox, let listed):
            (name, request, identifier) = (mailbox, .listRights(identifier: listed), listed)
        case .myRights(let mailbox): (name, request) = (mailbox, .myRights)
        default: return bad(tag, "\(command.name) is not an ACL command")
        }
        guard let mailbox = mailboxName(name, tag: tag) else { return }
        execute(.accessControl(mailbox, request), then: .accessControl(tag: tag, command: command.name, mailbox: mailbox,
                                                                              identifier: identifier))
    }

    mutating func completeAccessControl(tag: String, command: String, mailbox: MailboxName, identifier: String?,
                                        response: IMAPStoreResponse) {
        guard case .accessControl(let answer) = response else { return answerFailure(tag: tag, response: response) }
        switch answer {
        case .accessControlList(let entries):
            send(.acl(mailbox: mailbox.rawValue, entries: entries))
        case .listRights(let required, let optional):
            send(.listRights(mailbox: mailbox.rawValue, identifier: identifier ?? "", required: required.letters,
                             optional: optional.map(\.standardLetters)))
        case .myRights(let rights):
            send(.myRights(mailbox: mailbox.rawValue, rights: rights.letters))
        case .changed:
            break
        }
        ok(tag, "\(command) completed")
    }
}
