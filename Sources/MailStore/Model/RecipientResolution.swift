import MailCore

/// Where mail for one address goes, as the directory sees it at the moment of the lookup.
public enum RecipientResolution: Hashable, Sendable {
    /// The address belongs to a local domain and reaches at least one account or remote
    /// forwarding target (through the account itself, plus-addressing, aliases or a catch-all).
    case local(ResolvedRecipients)
    /// The domain is local but no account, alias or catch-all claims the address
    /// (SMTP answers `550 5.1.1`).
    case unknownUser
    /// The domain is not one of ours (SMTP relays it only for authenticated senders).
    case nonLocalDomain
}

/// The accounts and remote addresses one local address expands to. Both lists are free of
/// duplicates and keep the order in which the expansion found them.
public struct ResolvedRecipients: Hashable, Sendable {
    /// Local accounts that receive a copy, each with the mailbox an address tag selected.
    public var accounts: [LocalRecipient]
    /// Addresses in other domains that aliases forward to.
    public var remoteAddresses: [EmailAddress]

    public init(accounts: [LocalRecipient] = [], remoteAddresses: [EmailAddress] = []) {
        self.accounts = accounts
        self.remoteAddresses = remoteAddresses
    }

    /// Whether nothing at all was found.
    public var isEmpty: Bool { accounts.isEmpty && remoteAddresses.isEmpty }
}

/// One local account reached by a resolution.
public struct LocalRecipient: Hashable, Sendable {
    public let account: AccountID
    /// The account's own address.
    public let address: EmailAddress
    /// The `+tag` of a plus-address (`user+tag@`), if the account was reached through one.
    public let tag: String?

    public init(account: AccountID, address: EmailAddress, tag: String? = nil) {
        self.account = account
        self.address = address
        self.tag = tag
    }
}
