import Testing

/// Rate limits, bans and slow-client defenses over real sockets (Python's smtplib, imaplib,
/// poplib from several loopback addresses): every limit triggered and lifted, bans across
/// protocols listed and lifted with `martlet ban` and surviving a restart, the greeting and
/// data timeouts, the tarpit.
@Suite("Abuse defenses")
struct AbuseDefenseTests {
    @Test func limitsAndBansAreTriggeredAndLifted() async throws {
        try await ServerScript(name: "abuse_defenses").run(timeout: 240)
    }
}
