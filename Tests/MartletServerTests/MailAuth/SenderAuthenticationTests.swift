import Testing

/// SPF, DKIM and DMARC between two Martlet servers, with a dnsmasq the script starts serving
/// their records: a signed message passes at the other side, a spoofed From: at a p=reject
/// domain is refused at SMTP, a p=quarantine one is filed in Junk, a forged
/// Authentication-Results is removed, and `martlet check` agrees.
@Suite("Sender authentication")
struct SenderAuthenticationTests {
    @Test func spoofingIsRefusedAndSignedMailPasses() async throws {
        try await ServerScript(name: "sender_authentication").run(timeout: 180)
    }
}
