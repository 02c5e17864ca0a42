import Testing

/// DNS block lists and greylisting end to end, against `martlet serve` and a dnsmasq the
/// script starts serving a block list zone.
@Suite("Block lists and greylisting")
struct BlockListAndGreylistTests {
    /// A client listed at 127.0.0.2 (IPv4 name) is refused at MAIL FROM with the zone named;
    /// an unlisted one at 127.0.0.3 is greeted and delivers; the IPv6 nibble name and the
    /// error code are served and checked too; `reject = false` lets the listed client through.
    @Test func listedClientsAreRefused() async throws {
        try await ServerScript(name: "block_lists").run(timeout: 180)
    }

    /// The first attempt and an immediate retry get 451 4.7.1, a retry after the delay is
    /// delivered, and the whitelisted network's next triplet passes at once.
    @Test func greylistingDefersThenPasses() async throws {
        try await ServerScript(name: "greylisting").run(timeout: 180)
    }
}
