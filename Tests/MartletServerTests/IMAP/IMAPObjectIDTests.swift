import Foundation
import Testing
import TestSupport

/// RFC 8474 (OBJECTID) against `martlet dev` with Python's imaplib: MAILBOXID on CREATE,
/// SELECT and STATUS; EMAILID and THREADID by FETCH before and after UID COPY and UID MOVE;
/// SEARCH EMAILID and THREADID.
@Suite("IMAP OBJECTID with a real client")
struct IMAPObjectIDTests {
    @Test func imaplibSeesStableObjectIdentifiers() async throws {
        let server = try await DevServer.start(prefix: "martlet-objectid")
        defer { server.cleanUp() }
        let run = try await server.runScript("imap_objectid", timeout: 120)
        #expect(run.status == 0, "\(run.output)")
        try await server.stop()
    }
}
