import MailStore

/// A change of the selected mailbox that the client has not been told yet.
enum MailboxUpdate: Sendable {
    /// Messages added (delivery, APPEND, COPY, MOVE): told as `EXISTS`.
    case added([UID], modSequence: ModSequence)
    /// Messages expunged: told as `EXPUNGE` or, under QRESYNC, `VANISHED`.
    case expunged([UID], modSequence: ModSequence)
    /// Flags changed: told as untagged `FETCH`.
    case flags([FlagUpdate], origin: FlagUpdateOrigin)

    /// How much of the bound on held updates it takes.
    var weight: Int {
        switch self {
        case .added(let uids, _), .expunged(let uids, _): uids.count
        case .flags(let updates, _): updates.count
        }
    }
}

/// Where a flag update comes from, which decides whether it is trusted and how it is told.
enum FlagUpdateOrigin: Hashable, Sendable {
    /// Another session's (or this one's) change, from the account's change feed.
    case changeFeed
    /// The difference found by re-reading the mailbox.
    case snapshot
    /// This session's own STORE; `silent` for `.SILENT` (RFC 9051 §6.4.6).
    case ownStore(silent: Bool)
}

/// How held updates are told at one point of the conversation.
struct UpdateRules: Hashable, Sendable {
    /// Whether `EXPUNGE`/`VANISHED` may be sent now: not while answering a FETCH, STORE or
    /// SEARCH that is not a UID command (RFC 9051 §7.5.1; also SORT and THREAD).
    var allowsExpunges: Bool
    /// QRESYNC is enabled: `VANISHED` replaces `EXPUNGE` and FETCH carries UID (RFC 7162 §3.2.10).
    var usesVanished: Bool
    /// FETCH responses carry the UID (UID commands, QRESYNC).
    var includesUID: Bool
    /// CONDSTORE is enabled: FETCH responses carry MODSEQ (RFC 7162 §3.1.4).
    var includesModSequence: Bool
}
