/// The operations of the IMAP mixed workload, by the names used in `--weights` and reports.
enum IMAPOperation: String, CaseIterable, Sendable {
    /// Connect, greeting, (STARTTLS,) LOGIN. Made whenever the client has no session: at
    /// the start and after each logout, so its frequency follows the logout weight.
    case login
    case select
    /// FETCH of up to 20 messages' flags, size and header.
    case fetchHeaders = "fetch-headers"
    /// FETCH of one whole message.
    case fetchBody = "fetch-body"
    /// STORE of \Seen or \Flagged on one message.
    case store
    /// APPEND of one `--size` message.
    case append
    /// STORE \Deleted on one message, then EXPUNGE.
    case expunge
    /// `SEARCH RETURN (MIN MAX COUNT) TEXT word` for a word of the generated mail's
    /// vocabulary (issue 5's full-text latency figure; weight 0 unless asked).
    case searchText = "search-text"
    case logout

    /// Whether it acts on an existing message (an empty mailbox gets an append instead).
    var needsMessage: Bool {
        switch self {
        case .fetchHeaders, .fetchBody, .store, .expunge: true
        default: false
        }
    }
}
