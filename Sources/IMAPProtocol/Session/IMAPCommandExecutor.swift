import MailCore
import MailStore

/// Runs the session's store requests for one logged-in account (the glue makes one at
/// ``IMAPServerAction/authenticated(username:)`` and calls ``execute(_:)`` for every
/// ``IMAPServerAction/execute(_:)``, one at a time, handing the answer to
/// ``IMAPServerSession/executed(_:)``).
///
/// It holds no session state: it translates a request into store calls and returns typed
/// results; every protocol decision stays in the pure ``IMAPServerSession``. Every mailbox
/// it touches belongs to `account` (DESIGN rule 5). Store failures are answered as
/// ``IMAPStoreResponse/failed(_:)``, never thrown.
public struct IMAPCommandExecutor: Sendable {
    /// The store.
    public let store: any MailStore
    /// The account the session logged in as.
    public let account: AccountID
    /// FETCH, SEARCH, SORT and THREAD; nil until they are wired (they then answer "not available").
    public let messageCommands: (any IMAPMessageCommandHandler)?

    /// An executor for `account`.
    public init(store: any MailStore, account: AccountID, messageCommands: (any IMAPMessageCommandHandler)? = nil) {
        self.store = store
        self.account = account
        self.messageCommands = messageCommands
    }

    /// Runs `request`.
    public func execute(_ request: IMAPStoreRequest) async -> IMAPStoreResponse {
        do {
            return try await run(request)
        } catch {
            return .failed(error)
        }
    }

    private func run(_ request: IMAPStoreRequest) async throws(MailStoreError) -> IMAPStoreResponse {
        switch request {
        case .select(let name, let expungedSince, let withListing):
            let info = try await store.mailbox(named: name, of: account)
            let snapshot = try await store.snapshot(of: info.id)
            var expunged: ExpungedSince?
            if let expungedSince { expunged = try await store.expunged(from: info.id, since: expungedSince) }
            var listing: ListedMailbox?
            if withListing {
                let all = MailboxListing.list(try await store.mailboxes(of: account),
                                              query: MailboxListQuery(patterns: [MailboxPatternMatcher("*")]))
                listing = all.first { $0.mailbox == info.id }
            }
            return .selected(info, snapshot, expunged: expunged, listing: listing)
        case .create(let name, let specialUse):
            return .mailbox(try await store.createMailbox(name, of: account, specialUse: specialUse))
        case .delete(let name):
            try await store.deleteMailbox(name, of: account)
            return .done
        case .rename(let name, let newName):
            try await store.renameMailbox(name, to: newName, of: account)
            return .done
        case .setSubscribed(let name, let subscribed):
            try await store.setSubscribed(subscribed, mailbox: name, of: account)
            return .done
        case .list(let query, let withStatus):
            let listed = MailboxListing.list(try await store.mailboxes(of: account), query: query)
            var statuses = [MailboxID: MailboxStatus]()
            if withStatus {
                for mailbox in listed.compactMap(\.mailbox) { statuses[mailbox] = try await store.status(of: mailbox) }
            }
            return .listed(listed, statuses: statuses)
        case .status(let name):
            let info = try await store.mailbox(named: name, of: account)
            return .status(info, try await store.status(of: info.id))
        case .appendTarget(let name):
            return .mailbox(try await store.mailbox(named: name, of: account))
        case .writeSpool(var spool, let bytes):
            try await spool.write(bytes, makingFileWith: store)
            return .spool(spool)
        case .append(let messages, let mailbox):
            return try await append(messages, to: mailbox)
        case .storeFlags(let change, let uids, let mailbox, let unchangedSince):
            return .flagsStored(try await store.storeFlags(change, on: uids, in: checked(mailbox),
                                                           unchangedSince: unchangedSince))
        case .expunge(let uids, let mailbox, let onlyDeleted):
            return .expunged(try await store.expunge(uids, in: checked(mailbox), onlyDeleted: onlyDeleted))
        case .copy(let uids, let source, let destinationName, let move):
            let destination = try await store.mailbox(named: destinationName, of: account).id
            let result = move ? try await store.move(uids, from: checked(source), to: destination)
                : try await store.copy(uids, from: checked(source), to: destination)
            return .copied(result)
        case .snapshot(let mailbox):
            return .snapshot(try await store.snapshot(of: checked(mailbox)))
        case .quota(let name):
            if let name { _ = try await store.mailbox(named: name, of: account) }
            return .quota(try await store.quota(of: account))
        case .messageCommand(let context):
            guard context.mailbox.account == account else { throw .mailboxNotFound(String(describing: context.mailbox)) }
            guard let messageCommands else { return .messageCommandCompleted(.unavailable(context.command)) }
            return .messageCommandCompleted(await messageCommands.run(context, store: store))
        }
    }

    /// `mailbox`, if it belongs to the account.
    private func checked(_ mailbox: MailboxID) throws(MailStoreError) -> MailboxID {
        guard mailbox.account == account else { throw .mailboxNotFound(String(describing: mailbox)) }
        return mailbox
    }

    /// Saves every message of an APPEND, or none (RFC 3502 §6.3.11): when one fails, those
    /// saved before it are expunged again.
    private func append(_ messages: [AppendedMessage], to mailbox: MailboxID) async throws(MailStoreError) -> IMAPStoreResponse {
        let destination = try checked(mailbox)
        var saved = [SavedMessage]()
        do {
            for message in messages {
                saved.append(try await store.append(message.spool.incomingMessage(internalDate: message.internalDate),
                                                    to: destination, flags: message.flags))
            }
        } catch {
            if !saved.isEmpty {
                _ = try? await store.expunge(UIDSet(saved.map(\.uid)), in: destination, onlyDeleted: false)
            }
            throw error
        }
        guard let first = saved.first else { throw .storageFailure("an APPEND without messages") }
        return .appended(uidValidity: first.uidValidity, uids: saved.map(\.uid))
    }
}
