import MailCore
import MailStore

/// Runs the session's store requests for one logged-in account (the glue makes one at
/// ``IMAPServerAction/authenticated(username:)`` and calls ``execute(_:)`` for every
/// ``IMAPServerAction/execute(_:)``, one at a time, handing the answer to
/// ``IMAPServerSession/executed(_:)``).
///
/// It holds no session state: it translates a request into store calls and returns typed
/// results; every protocol decision stays in the pure ``IMAPServerSession``. Every mailbox
/// it touches belongs to `account` (DESIGN rule 5), or to another account that granted it
/// the rights the operation needs (RFC 4314 §4; checked here, at every request, whatever
/// the session believes). Store failures are answered as ``IMAPStoreResponse/failed(_:)``,
/// never thrown.
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
            let (target, snapshot) = try await resolveWithSnapshot(name)
            var expunged: ExpungedSince?
            if let expungedSince { expunged = try await store.expunged(from: target.info.id, since: expungedSince) }
            var listed: ListedMailbox?
            if withListing {
                let all = try await listing(MailboxListQuery(patterns: [MailboxPatternMatcher(name.rawValue)]))
                listed = all.first { $0.mailbox == target.info.id }
            }
            return .selected(target.info, snapshot, expunged: expunged, listing: listed, rights: target.rights)
        case .create(let name, let specialUse):
            return .mailbox(try await create(name, specialUse: specialUse))
        case .delete(let name):
            try await delete(name)
            return .done
        case .rename(let name, let newName):
            try await rename(name, to: newName)
            return .done
        case .setSubscribed(let name, let subscribed):
            try await setSubscribed(name, subscribed)
            return .done
        case .list(let query, let withStatus):
            let listed = try await listing(query)
            var statuses = [MailboxID: MailboxStatus]()
            if withStatus {
                for entry in listed where entry.rights.contains(.read) {
                    if let mailbox = entry.mailbox { statuses[mailbox] = try await store.status(of: mailbox) }
                }
            }
            return .listed(listed, statuses: statuses)
        case .status(let name):
            let target = try await resolve(name, needing: .read)
            return .status(target.info, try await store.status(of: target.info.id))
        case .appendTarget(let name):
            return .mailbox(try await resolve(name, needing: .insert).info)
        case .writeSpool(var spool, let bytes):
            try await spool.write(bytes, makingFileWith: store)
            return .spool(spool)
        case .append(let messages, let mailbox):
            return try await append(messages, to: mailbox)
        case .storeFlags(let change, let uids, let mailbox, let unchangedSince):
            _ = try await checked(mailbox, needing: MailboxRights(toChange: change))
            return .flagsStored(try await store.storeFlags(change, on: uids, in: mailbox, unchangedSince: unchangedSince))
        case .expunge(let uids, let mailbox, let onlyDeleted):
            _ = try await checked(mailbox, needing: .expunge)
            return .expunged(try await store.expunge(uids, in: mailbox, onlyDeleted: onlyDeleted))
        case .copy(let uids, let source, let destinationName, let move):
            // RFC 6851 §3.3: MOVE needs the rights of COPY, of STORE \Deleted and of EXPUNGE.
            _ = try await checked(source, needing: move ? [.read, .deleteMessages, .expunge] : .read)
            let destination = try await resolve(destinationName, needing: .insert).info.id
            let result = move ? try await store.move(uids, from: source, to: destination)
                : try await store.copy(uids, from: source, to: destination)
            return .copied(result)
        case .snapshot(let mailbox):
            _ = try await checked(mailbox, needing: .read)
            return .snapshot(try await store.snapshot(of: mailbox))
        case .quota(let name):
            if let name, try await resolve(name, needing: []).isShared {
                // Another account's mailbox is under its owner's quota root, not the session's.
                return .quota(AccountQuota(storageLimit: nil, messageLimit: nil, storageUsed: 0, messagesUsed: 0))
            }
            return .quota(try await store.quota(of: account))
        case .accessControl(let name, let request):
            return .accessControl(try await accessControl(request, on: name))
        case .messageCommand(let context):
            _ = try await checked(context.mailbox, needing: .read)
            guard let messageCommands else { return .messageCommandCompleted(.unavailable(context.command)) }
            return .messageCommandCompleted(await messageCommands.run(context, store: store))
        }
    }

    /// Saves every message of an APPEND, or none (RFC 3502 §6.3.11): when one fails, those
    /// saved before it are expunged again.
    private func append(_ messages: [AppendedMessage], to mailbox: MailboxID) async throws(MailStoreError) -> IMAPStoreResponse {
        let rights = try await checked(mailbox, needing: .insert)
        let destination = mailbox
        var saved = [SavedMessage]()
        do {
            for message in messages {
                saved.append(try await store.append(message.spool.incomingMessage(internalDate: message.internalDate),
                                                    to: destination, flags: rights.permitted(message.flags)))
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
