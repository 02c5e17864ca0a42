import MailStore

extension MailboxID {
    /// The MAILBOXID of RFC 8474 §4: "M" and the mailbox's number, which a rename keeps and
    /// no other mailbox ever gets (the store never reuses it).
    var objectID: String { "M\(rawValue)" }
}
