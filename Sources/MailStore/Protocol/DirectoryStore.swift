import MailCore

/// Domains, accounts, credentials and aliases, and the resolution of a recipient address.
///
/// Domain names are compared in their canonical form (`EmailAddress.canonicalDomain`),
/// local parts case-insensitively (`EmailAddress.lookupKey`).
public protocol DirectoryStore: Sendable {
    /// Adds a local domain. Throws `domainExists` or `invalidDomain`.
    @discardableResult
    func addDomain(_ name: String) async throws(MailStoreError) -> Domain
    /// Removes a domain that has no accounts and no aliases left.
    func removeDomain(_ name: String) async throws(MailStoreError)
    /// The local domains, sorted by name.
    func domains() async throws(MailStoreError) -> [Domain]
    /// Whether mail for `name` is ours.
    func isLocalDomain(_ name: String) async throws(MailStoreError) -> Bool

    /// Creates an account in a local domain with its default mailboxes (INBOX, Drafts,
    /// Sent, Trash, Junk, Archive with their SPECIAL-USE roles, all subscribed).
    /// `credential` is the opaque string the SASL module makes from the password.
    @discardableResult
    func createAccount(_ address: EmailAddress, credential: String) async throws(MailStoreError) -> Account
    /// Deletes an account with all its mailboxes and messages.
    func deleteAccount(_ address: EmailAddress) async throws(MailStoreError)
    /// Replaces an account's credential.
    func setCredential(_ credential: String, for address: EmailAddress) async throws(MailStoreError)
    /// Sets (or, with nil, removes) the account's APOP secret, a shared secret kept readable
    /// because APOP (RFC 1939 §7) needs it; it is not the login password.
    func setAPOPSecret(_ secret: String?, for address: EmailAddress) async throws(MailStoreError)
    /// The account's APOP secret; nil when the account has none or does not exist.
    func apopSecret(of address: EmailAddress) async throws(MailStoreError) -> String?
    /// Sets the account's quota limits (nil: no limit). Messages already stored stay.
    func setQuota(storage: Int?, messages: Int?, for address: EmailAddress) async throws(MailStoreError)
    /// The account's quota limits and usage.
    func quota(of account: AccountID) async throws(MailStoreError) -> AccountQuota
    /// The account with exactly this address (no alias or plus-address expansion), or nil.
    func account(for address: EmailAddress) async throws(MailStoreError) -> Account?
    /// The account with this identifier, or nil.
    func account(id: AccountID) async throws(MailStoreError) -> Account?
    /// The accounts of one domain, or of all domains, sorted by address.
    func accounts(inDomain domain: String?) async throws(MailStoreError) -> [Account]

    /// Adds targets to an alias (creating it). The source's domain must be local and the
    /// address must not be an account.
    func addAlias(_ source: AliasSource, targets: [EmailAddress]) async throws(MailStoreError)
    /// Removes the given targets of an alias, or the whole alias when `targets` is empty.
    func removeAlias(_ source: AliasSource, targets: [EmailAddress]) async throws(MailStoreError)
    /// The aliases of one domain, or of all domains, sorted by source.
    func aliases(inDomain domain: String?) async throws(MailStoreError) -> [Alias]

    /// A value that changes whenever any process changes domains, accounts, credentials,
    /// quota limits or aliases, read without I/O; nil when the store cannot tell (then what
    /// was learnt from the directory must not be kept). An answer looked up after reading
    /// a version stays right while the version is unchanged.
    var directoryVersion: UInt64? { get }

    /// Where mail for `address` goes: the exact account; else the alias; else, for a
    /// plus-address `user+tag@`, the account or alias `user@`; else the domain's catch-all.
    /// Aliases expand recursively; cycles end, depth and fan-out are bounded.
    func resolveRecipient(_ address: EmailAddress) async throws(MailStoreError) -> RecipientResolution
}
