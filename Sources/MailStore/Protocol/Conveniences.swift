import MailCore

extension MailboxStore {
    /// Creates a mailbox without a SPECIAL-USE role.
    @discardableResult
    public func createMailbox(_ name: MailboxName, of account: AccountID) async throws(MailStoreError) -> MailboxInfo {
        try await createMailbox(name, of: account, specialUse: nil)
    }
}

extension MessageStore {
    /// Every message of a mailbox as one consistent snapshot.
    public func snapshot(of mailbox: MailboxID) async throws(MailStoreError) -> MailboxSnapshot {
        try await snapshot(of: mailbox, changedSince: nil)
    }

    /// STORE without a condition.
    @discardableResult
    public func storeFlags(_ change: FlagChange, on uids: UIDSet, in mailbox: MailboxID) async throws(MailStoreError) -> FlagStoreResult {
        try await storeFlags(change, on: uids, in: mailbox, unchangedSince: nil)
    }
}

extension StoreMaintenance {
    /// Checks the invariants without re-hashing content.
    public func checkInvariants() async throws(MailStoreError) -> [InvariantViolation] {
        try await checkInvariants(verifyContent: false)
    }
}
