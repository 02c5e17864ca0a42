import AbuseDefense
import Crypto
import Foundation
import IMAPProtocol
import Logging
import MailCore
import MailStore

/// Trains the Bayesian spam classifier from what users do over IMAP: a message copied or
/// moved into Junk is spam for that user (and globally), one moved or copied out of Junk
/// into another mailbox (not Trash) is ham. A message is known by a hash of its octets,
/// so moving it back and forth retrains it rather than counting it twice.
///
/// Training runs after the reply, off the event loop, one operation at a time in the order
/// the operations completed (so "into Junk, then out again" ends as ham).
struct JunkTraining: Sendable {
    /// Messages trained per COPY or MOVE at most.
    static let maximumMessagesPerOperation = 500
    /// Operations waiting to be trained at most; later ones are dropped (and logged).
    static let maximumPendingOperations = 1_000

    private struct Operation: Sendable {
        let account: AccountID
        let source: MailboxID
        let result: CopyResult
    }

    private let pending: AsyncStream<Operation>.Continuation
    private let logger: Logger

    /// Starts the task that trains `store` with `tokenizer`'s tokens.
    init(store: any MailStore, tokenizer: SpamTokenizer = SpamTokenizer(), parserLimits: MessageParserLimits, logger: Logger) {
        let (operations, pending) = AsyncStream<Operation>.makeStream(
            bufferingPolicy: .bufferingOldest(Self.maximumPendingOperations))
        self.pending = pending
        self.logger = logger
        Task.detached(priority: .background) {
            for await operation in operations {
                await Self.train(operation, store: store, tokenizer: tokenizer, parserLimits: parserLimits, logger: logger)
            }
        }
    }

    /// Notes a completed store request; a COPY or MOVE is queued for training.
    func observe(_ request: IMAPStoreRequest, _ response: IMAPStoreResponse, account: AccountID) {
        guard case .copy(_, let source, _, _) = request, case .copied(let result) = response,
              !result.mappings.isEmpty else { return }
        if case .dropped = pending.yield(Operation(account: account, source: source, result: result)) {
            logger.warning("spam training skipped: too many pending operations")
        }
    }

    private static func train(_ operation: Operation, store: any MailStore, tokenizer: SpamTokenizer,
                              parserLimits: MessageParserLimits, logger: Logger) async {
        let mailboxes: [MailboxInfo]
        do {
            mailboxes = try await store.mailboxes(of: operation.account)
        } catch {
            logger.warning("spam training failed", metadata: ["error": "\(error)"])
            return
        }
        func meaning(of id: MailboxID) -> MailboxKind { MailboxKind(mailboxes.first { $0.id == id }) }
        let (source, destination) = (meaning(of: operation.source), meaning(of: operation.result.destination))
        let kind: SpamClass
        if destination == .junk && source != .junk {
            kind = .spam
        } else if source == .junk && destination == .other {
            kind = .ham
        } else {
            return
        }
        var trained = 0
        for mapping in operation.result.mappings.prefix(maximumMessagesPerOperation) {
            do {
                let content = try await store.content(of: mapping.destination, in: operation.result.destination)
                let tokens = tokenizer.tokens(of: SpamInspection(message: content.bytes, limits: parserLimits))
                let fingerprint = SHA256.hash(data: content.bytes).map { String(format: "%02x", $0) }.joined()
                if try await store.trainSpamClassifier(with: tokens, as: kind, account: operation.account,
                                                       fingerprint: fingerprint) {
                    trained += 1
                }
            } catch {
                // Expunged meanwhile, or the store is closing: the others may still be trained.
                logger.debug("spam training skipped a message", metadata: ["error": "\(error)"])
            }
        }
        logger.info("spam classifier trained", metadata: [
            "account": "\(operation.account.rawValue)", "as": "\(kind)", "messages": "\(trained)"])
    }

    /// What a mailbox means for training.
    private enum MailboxKind {
        case junk, trash, other

        init(_ mailbox: MailboxInfo?) {
            guard let mailbox else {
                self = .other
                return
            }
            if mailbox.specialUse == .junk || mailbox.name.rawValue.lowercased() == "junk" {
                self = .junk
            } else if mailbox.specialUse == .trash || mailbox.name.rawValue.lowercased() == "trash" {
                self = .trash
            } else {
                self = .other
            }
        }
    }
}
