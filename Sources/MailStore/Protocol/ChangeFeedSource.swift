/// Per-account notifications of committed changes, for IDLE and other open sessions.
public protocol ChangeFeedSource: Sendable {
    /// A sequence of the account's changes from now on, in commit order. Its buffer is
    /// bounded: a subscriber that falls behind gets `.resyncNeeded` instead of the events
    /// it missed. The subscription ends when the sequence is dropped or its task cancelled.
    func changes(of account: AccountID) -> ChangeFeed
}
