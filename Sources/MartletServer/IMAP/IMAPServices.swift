import IMAPProtocol
import Logging
import MailCore
import MailStore
import NIOCore
import NIOSSL
import SASL

/// What every IMAP connection of a listener shares: the session configuration, the store,
/// the FETCH/SEARCH/SORT/THREAD handler, the TLS context for STARTTLS and the logger.
struct IMAPServices: Sendable {
    var configuration: IMAPServerConfiguration
    let store: any MailStore
    let messageCommands: StoreMessageCommands
    let tlsContext: NIOSSLContext
    let logger: Logger
    /// Trains the spam classifier from moves into and out of Junk; nil when it is off.
    var junkTraining: JunkTraining? = nil

    /// The SCRAM credential and the account of a login name; nil for both when there is no
    /// such account.
    func login(of username: String) async -> (credential: SCRAMCredential, account: AccountID)? {
        guard let address = try? EmailAddress(parsing: username),
              let account = try? await store.account(for: address),
              let credential = try? SCRAMCredential(encoded: account.credential) else { return nil }
        return (credential, account.id)
    }

    /// Runs `request` with `executor`, then hands a COPY or MOVE to the spam training
    /// (which runs later, in the background).
    func execute(_ request: IMAPStoreRequest, by executor: IMAPCommandExecutor) async -> IMAPStoreResponse {
        let response = await executor.execute(request)
        junkTraining?.observe(request, response, account: executor.account)
        return response
    }

    /// The executor of a logged-in account's store requests.
    func executor(for account: AccountID) -> IMAPCommandExecutor {
        IMAPCommandExecutor(store: store, account: account, messageCommands: messageCommands)
    }
}
