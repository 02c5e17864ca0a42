import AbuseDefense
import Foundation
import MailStore
import NIOCore
import NIOPosix
import TestSupport
import Testing
@testable import MartletServer

/// The clamd client against a stand-in that decodes what it receives: in-memory and spooled
/// messages, TCP and UNIX sockets, and each way a scan can fail.
@Suite("clamd client")
struct ClamdClientTests {
    static let message = Array("From: a@example.org\r\nSubject: hello\r\n\r\nhello\r\n".utf8)

    /// A generous default: the whole test suite runs in parallel on two cores, and a test
    /// that is not about timing must not fail because its task waited for a thread.
    func client(_ address: ClamdAddress, timeout: Duration = .seconds(60), chunkSize: Int = 65_536) -> ClamdClient {
        ClamdClient(address: address, timeout: timeout, eventLoopGroup: MultiThreadedEventLoopGroup.singleton,
                    chunkSize: chunkSize)
    }

    func tcp(_ address: SocketAddress) throws -> ClamdAddress {
        .tcp(try NetworkAddress(host: "127.0.0.1", port: try #require(address.port)))
    }

    @Test func messageInMemoryIsStreamedAndFoundClean() async throws {
        try await FakeClamd.run(reply: "stream: OK") { clamd, address in
            let result = try await client(try tcp(address), chunkSize: 16).scan(.bytes(Self.message))
            #expect(result == .clean)
            let streams = clamd.received
            #expect(streams.map(\.payload) == [Self.message])
            // 46 octets in chunks of at most 16.
            #expect(streams.first?.chunkSizes == [16, 16, 14])
        }
    }

    @Test func spooledMessageIsStreamedInChunks() async throws {
        let folder = try TemporaryDirectory(prefix: "martlet-clamd")
        defer { folder.remove() }
        let path = folder.appending("spooled.eml")
        let content = (0..<300_000).map { UInt8(truncatingIfNeeded: $0 % 251) }
        #expect(FileManager.default.createFile(atPath: path, contents: Data(content)))
        try await FakeClamd.run(reply: "stream: Eicar-Test-Signature.UNOFFICIAL FOUND") { clamd, address in
            let result = try await client(try tcp(address)).scan(.spooled(SpoolFile(path: path)))
            #expect(result == .infected(signature: "Eicar-Test-Signature.UNOFFICIAL"))
            let streams = clamd.received
            #expect(streams.first?.payload == content)
            #expect(streams.first?.chunkSizes == [65_536, 65_536, 65_536, 65_536, 300_000 - 4 * 65_536])
        }
    }

    @Test func unixSocket() async throws {
        let folder = try TemporaryDirectory(prefix: "martlet-clamd")
        defer { folder.remove() }
        let socket = folder.appending("clamd.sock")
        try await FakeClamd.run(reply: "stream: OK", unixSocket: socket) { clamd, _ in
            let result = try await client(.unixSocket(path: socket)).scan(.bytes(Self.message))
            #expect(result == .clean)
            #expect(clamd.received.count == 1)
        }
    }

    @Test func clamdErrorIsAScanFailure() async throws {
        try await FakeClamd.run(reply: "INSTREAM size limit exceeded. ERROR") { _, address in
            let result = try await client(try tcp(address)).scan(.bytes(Self.message))
            #expect(result == .scanFailed(reason: "INSTREAM size limit exceeded."))
        }
    }

    @Test func nothingListeningIsUnreachable() async throws {
        // A socket path that cannot exist (a freed TCP port could be taken by another test
        // running at the same time, which then answers).
        let address = ClamdAddress.unixSocket(path: "/nonexistent/martlet-clamd-\(UInt32.random(in: 0...UInt32.max)).sock")
        do {
            let result = try await client(address).scan(.bytes(Self.message))
            Issue.record("scanned with nothing listening: \(result)")
        } catch {
            guard case .unreachable = error else { Issue.record("\(error)"); return }
        }
    }

    @Test func silentClamdTimesOut() async throws {
        try await FakeClamd.run(reply: nil) { clamd, address in
            await #expect(throws: VirusScanError.timedOut) {
                try await client(try tcp(address), timeout: .milliseconds(300)).scan(.bytes(Self.message))
            }
            // What the stand-in read before the client gave up depends on the machine's load.
            #expect(clamd.received.allSatisfy { Self.message.starts(with: $0.payload) })
        }
    }

    @Test func missingSpoolFileIsUnreadable() async throws {
        try await FakeClamd.run(reply: "stream: OK") { _, address in
            let missing = SpoolFile(path: "/nonexistent/martlet-spool/message")
            await #expect(throws: VirusScanError.unreadableMessage("cannot open /nonexistent/martlet-spool/message")) {
                try await client(try tcp(address)).scan(.spooled(missing))
            }
        }
    }
}
