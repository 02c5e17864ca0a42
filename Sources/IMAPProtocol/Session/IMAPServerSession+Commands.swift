import MailCore
import MailStore

/// Command dispatch and the state each command needs (RFC 9051 §6: a command that is not
/// valid in the current state is answered BAD).
extension IMAPServerSession {
    mutating func handleCommand(_ tagged: TaggedCommand) {
        let tag = tagged.tag
        if authenticatedUsername == nil && countCommandBeforeLogin() { return }
        switch tagged.command {
        case .capability:
            send(.capability(capabilities))
            ok(tag, "CAPABILITY completed")
        case .noop:
            tellUpdates(allowsExpunges: true)
            ok(tag, "NOOP completed")
        case .logout:
            send(StatusResponse(tag: nil, status: .bye, text: "Logging out"))
            ok(tag, "LOGOUT completed")
            closeConnection(bye: nil)
        case .id:
            send(.id(configuration.serverIdentification))
            ok(tag, "ID completed")
        case .startTLS:
            startTLS(tag: tag)
        case .authenticate(let mechanism, let initialResponse):
            authenticate(tag: tag, mechanism: mechanism, initialResponse: initialResponse)
        case .login(let username, let password):
            login(tag: tag, username: username, password: password)
        case .compress(let algorithm):
            compress(tag: tag, algorithm: algorithm)
        default:
            guard requireAuthenticated(tag) else { return }
            handleAuthenticatedCommand(tag, tagged.command)
        }
    }

    private mutating func handleAuthenticatedCommand(_ tag: String, _ command: IMAPCommand) {
        switch command {
        case .enable(let names): enable(tag: tag, names: names)
        case .select(let name, let parameters): select(tag: tag, name: name, parameters: parameters, readOnly: false)
        case .examine(let name, let parameters): select(tag: tag, name: name, parameters: parameters, readOnly: true)
        case .create(let name, let use): create(tag: tag, name: name, useAttributes: use)
        case .delete(let name): delete(tag: tag, name: name)
        case .rename(let from, let to): rename(tag: tag, from: from, to: to)
        case .subscribe(let name): setSubscribed(tag: tag, name: name, subscribed: true)
        case .unsubscribe(let name): setSubscribed(tag: tag, name: name, subscribed: false)
        case .list(let listCommand): list(tag: tag, listCommand)
        case .lsub(let reference, let pattern): lsub(tag: tag, reference: reference, pattern: pattern)
        case .namespace:
            // RFC 2342 §5: other accounts' mailboxes shared with this one are in the "other
            // users" namespace (SharedNamespace).
            send(.namespace(NamespaceResponse(
                personal: [NamespaceDescription(prefix: "", delimiter: MailboxName.delimiter)],
                otherUsers: [NamespaceDescription(prefix: SharedNamespace.prefix, delimiter: MailboxName.delimiter)])))
            ok(tag, "NAMESPACE completed")
        case .status(let name, let attributes): status(tag: tag, name: name, attributes: attributes)
        case .idle: startIdle(tag: tag)
        case .getQuota(let root): getQuota(tag: tag, root: root)
        case .getQuotaRoot(let name): getQuotaRoot(tag: tag, name: name)
        case .setQuota: no(tag, "Quotas are set by the administrator", code: .noPerm)
        case .setACL, .deleteACL, .getACL, .listRights, .myRights: accessControl(tag: tag, command)
        default:
            guard requireSelected(tag), let selected else { return }
            handleSelectedCommand(tag, command, selected)
        }
    }

    private mutating func handleSelectedCommand(_ tag: String, _ command: IMAPCommand, _ selected: SelectedMailbox) {
        switch command {
        case .check:
            tellUpdates(allowsExpunges: true)
            ok(tag, "CHECK completed")
        case .close: close(tag: tag, selected)
        case .unselect:
            self.selected = nil
            ok(tag, "UNSELECT completed")
        case .expunge: expunge(tag: tag, set: nil, selected)
        case .uidExpunge(let set): expunge(tag: tag, set: set, selected)
        case .store(let storeCommand): storeFlags(tag: tag, storeCommand, selected)
        case .copy(let copyCommand): copy(tag: tag, copyCommand, move: false, selected)
        case .move(let moveCommand): copy(tag: tag, moveCommand, move: true, selected)
        case .fetch, .search, .sort, .thread: runMessageCommand(tag: tag, command, selected)
        default: bad(tag, "\(command.name) is not valid here")
        }
    }

    /// True when logged in; otherwise answers BAD.
    private mutating func requireAuthenticated(_ tag: String) -> Bool {
        guard authenticatedUsername == nil else { return true }
        bad(tag, "Log in first")
        return false
    }

    /// True when a mailbox is selected; otherwise answers BAD.
    private mutating func requireSelected(_ tag: String) -> Bool {
        guard selected == nil else { return true }
        bad(tag, "No mailbox selected")
        return false
    }

    /// A mailbox name argument decoded as the session's mode requires (modified UTF-7 for
    /// IMAP4rev1 clients, UTF-8 after ENABLE); nil after answering the command.
    mutating func mailboxName(_ name: EncodedMailboxName, tag: String) -> MailboxName? {
        do {
            return try name.mailboxName(utf8Enabled: enabled.usesUTF8)
        } catch .invalidName(let error) {
            no(tag, error.description, code: .cannot)
        } catch {
            bad(tag, error.description)
        }
        return nil
    }

    /// The rules for telling held updates now.
    func updateRules(allowsExpunges: Bool, usesUIDs: Bool = false) -> UpdateRules {
        UpdateRules(allowsExpunges: allowsExpunges, usesVanished: enabled.qresync, includesUID: usesUIDs || enabled.qresync,
                    includesModSequence: enabled.condStore)
    }

    /// Tells the selected mailbox's held updates the rules allow.
    mutating func tellUpdates(allowsExpunges: Bool, usesUIDs: Bool = false) {
        let rules = updateRules(allowsExpunges: allowsExpunges, usesUIDs: usesUIDs)
        guard let responses = selected?.tellUpdates(rules) else { return }
        for response in responses { send(response) }
    }
}
