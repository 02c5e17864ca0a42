import Testing

/// The picture every mail tutorial draws: two Martlet servers, isp1.test on 127.0.0.2 and
/// isp2.test on 127.0.0.3, found through MX records served by a dnsmasq the script starts.
/// Submission with STARTTLS and AUTH at isp1, the queue, MX lookup, SMTP with STARTTLS to isp2,
/// reading over IMAP and POP3; a deferral while isp2 is down; a bounce for an unknown user;
/// forwarding with SRS and its bounce; a success report; a destination that requires TLS.
@Suite("Two domains")
struct TwoDomainTests {
    @Test func mailCrossesFromOneMartletToAnother() async throws {
        try await ServerScript(name: "two_domains").run(timeout: 240)
    }
}
