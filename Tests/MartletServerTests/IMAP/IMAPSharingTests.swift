import Testing
import TestSupport

/// Mailbox sharing (RFC 4314) over real sockets: `imap_sharing.py` against `martlet dev`,
/// with a second account made by `martlet user add` beside the running server.
@Suite("IMAP mailbox sharing with a real client")
struct IMAPSharingTests {
    @Test func anAccountReadsAndWatchesAMailboxSharedWithIt() async throws {
        let server = try await DevServer.start(prefix: "martlet-imap-acl")
        defer { server.cleanUp() }
        let run = try await server.runScript("imap_sharing", timeout: 120)
        #expect(run.status == 0, "\(run.output)")
        try await server.stop()
    }
}
