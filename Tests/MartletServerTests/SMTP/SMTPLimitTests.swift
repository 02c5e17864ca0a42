import Testing

/// Every SMTP limit set in a `martlet serve` configuration file and checked over real
/// sockets: line lengths, message size declared and streamed, recipients, bad commands,
/// failed authentications, idle timeout, greeting delay, connections per address and in total.
@Suite("SMTP limits from the configuration")
struct SMTPLimitTests {
    @Test func everyConfiguredLimitHolds() async throws {
        try await ServerScript(name: "smtp_limits").run(timeout: 120)
    }
}
