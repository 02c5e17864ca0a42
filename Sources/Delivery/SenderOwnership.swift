import MailCore
import MailStore
import SMTPProtocol

/// Anti-spoofing for submission: an authenticated user may send only as their own account's
/// address or as an address (alias, plus-address) that reaches that account alone.
public struct SenderOwnership: Sendable {
    private let directory: any DirectoryStore

    public init(directory: any DirectoryStore) {
        self.directory = directory
    }

    /// Whether `address` belongs to the account `user` logged in as. Throws when the store
    /// cannot answer.
    public func isOwned(_ address: EmailAddress, by user: String) async throws(MailStoreError) -> Bool {
        guard let login = try? EmailAddress(parsing: user) else { return false }
        if address.lookupKey == login.lookupKey { return true }
        guard let account = try await directory.account(for: login) else { return false }
        guard case .local(let recipients) = try await directory.resolveRecipient(address) else { return false }
        return recipients.remoteAddresses.isEmpty && recipients.accounts.contains { $0.account == account.id }
    }
}

extension SenderOwnership {
    /// The decision for MAIL FROM on a listener: any sender on port 25 (sender
    /// authentication is SPF's and DMARC's job there), and on submission only an address the
    /// authenticated user owns (never `<>`).
    public func check(_ check: SMTPSenderCheck, on listener: SMTPListenerKind) async -> SMTPCheckDecision {
        if let decision = decisionWithoutLookup(check, on: listener) { return decision }
        guard let user = check.authenticatedIdentity, let address = check.sender.address else {
            return .rejected(.senderNotOwned)
        }
        do {
            return try await isOwned(address, by: user) ? .accepted : .rejected(.senderNotOwned)
        } catch {
            return .rejected(.storeUnavailable)
        }
    }

    /// The decision for MAIL FROM when it needs no store lookup, else nil: any sender on
    /// port 25, and on submission a missing login, the null sender and the login's own
    /// address.
    public func decisionWithoutLookup(_ check: SMTPSenderCheck, on listener: SMTPListenerKind) -> SMTPCheckDecision? {
        guard listener != .mx else { return .accepted }
        guard let user = check.authenticatedIdentity else { return .rejected(.submissionNeedsAuthentication) }
        guard let address = check.sender.address else { return .rejected(.senderNotOwned) }
        if let login = try? EmailAddress(parsing: user), address.lookupKey == login.lookupKey { return .accepted }
        return nil
    }
}
