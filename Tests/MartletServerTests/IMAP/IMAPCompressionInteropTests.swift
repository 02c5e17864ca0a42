import Testing

/// IMAP COMPRESS=DEFLATE (RFC 4978) of `martlet dev` against Python's zlib on a socket
/// (imaplib has no COMPRESS): SELECT, APPEND with literals, FETCH, IDLE and LOGOUT over the
/// compressed stream on port 143 without TLS and on 993 over TLS, and a corrupt stream.
@Suite("IMAP COMPRESS with a real client")
struct IMAPCompressionInteropTests {
    @Test func aSessionRunsOverTheCompressedStreamWithAndWithoutTLS() async throws {
        let server = try await DevServer.start(prefix: "martlet-imap-compress")
        defer { server.cleanUp() }
        let run = try await server.runScript("imap_compress", timeout: 120)
        #expect(run.status == 0, "\(run.output)")
        #expect(server.process.standardError.contains("closing the connection: corrupt compressed input"),
                "the server logs why it closed the corrupt stream")
        try await server.stop()
    }
}
