import Testing

/// The spam filter end to end, against a `martlet serve` whose SMTP clients are untrusted
/// and a dnsmasq serving SPF records: a spammy message is filed in Junk with
/// `X-Spam-Status: Yes`, a normal one in INBOX with `No`, one above the reject threshold is
/// refused with 550 5.7.1, and moving messages into and out of Junk with imaplib trains the
/// classifier (token counts in the store), which then scores a similar message higher.
@Suite("Spam filter")
struct SpamFilterTests {
    @Test func spamIsFiledRefusedAndLearnedFromIMAPMoves() async throws {
        try await ServerScript(name: "spam_filter").run(timeout: 180)
    }
}
