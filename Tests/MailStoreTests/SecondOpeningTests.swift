import Foundation
import MailCore
import Testing
@testable import MailStore

/// An admin command opens the store while the server has it open.
@Suite("Opening by a second process")
struct SecondOpeningTests {
    @Test func anOpeningWithoutGarbageCollectionLeavesTheOwnersFilesAlone() async throws {
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let limits = BlobTests.smallInlineLimits
        let layout = StoreLayout(root: directory)
        let server = try await SQLiteMailStore.open(directory: directory, limits: limits, analyzer: headerAnalyzer)
        try await server.addDomain("example.test")
        let alice = try await server.createAccount(address("alice@example.test"), credential: "c")
        let bob = try await server.createAccount(address("bob@example.test"), credential: "c")
        let bobsMessage = try await server.deliver(.bytes(testMessage(subject: "for bob", padding: 4_000)),
                                                   to: [DeliveryTarget(account: bob.id)])
        let bobsFile = layout.blobPath(of: try #require(BlobDigest(hex: bobsMessage.sha256)))

        // Deliveries under way in the server: a spool file half written, and a blob file
        // written and synced whose commit has not happened yet.
        let incoming = testMessage(subject: "streamed in", padding: 5_000)
        let spool = try await server.makeSpoolFile()
        let writer = try #require(FileHandle(forWritingAtPath: spool.path))
        try writer.write(contentsOf: Data(incoming.prefix(incoming.count / 2)))
        let inFlight = testMessage(subject: "about to commit", padding: 4_000)
        let inFlightFile = layout.blobPath(of: BlobDigest.of(inFlight))
        try Data(inFlight).write(to: URL(fileURLWithPath: inFlightFile))

        let admin = try await SQLiteMailStore.open(directory: directory, limits: limits, analyzer: headerAnalyzer,
                                                   collectingGarbage: false)
        #expect(FileManager.default.fileExists(atPath: spool.path))
        #expect(FileManager.default.fileExists(atPath: inFlightFile))

        // Admin work while the server runs; deleting an account leaves its content's file
        // to the owner (the server might be reusing it for a delivery of the same content).
        _ = try await admin.createAccount(address("carol@example.test"), credential: "c")
        try await admin.deleteAccount(address("bob@example.test"))
        for _ in 0 ..< 20 {
            #expect(FileManager.default.fileExists(atPath: bobsFile))
            try await Task.sleep(for: .milliseconds(10))
        }
        #expect(try await admin.account(for: address("carol@example.test")) != nil)

        // The server's deliveries complete undisturbed.
        try writer.write(contentsOf: Data(incoming.suffix(from: incoming.count / 2)))
        try writer.close()
        let streamed = try await server.deliver(.spooled(spool), to: [DeliveryTarget(account: alice.id)])
        let committed = try await server.deliver(.bytes(inFlight), to: [DeliveryTarget(account: alice.id)])
        #expect(try await server.content(of: streamed.saved[0].uid, in: streamed.saved[0].mailbox).bytes == incoming)
        #expect(try await server.content(of: committed.saved[0].uid, in: committed.saved[0].mailbox).bytes == inFlight)
        #expect(try await admin.checkInvariants(verifyContent: true).isEmpty)
        await admin.close()
        await server.close()

        // The owner's next opening collects what the admin left.
        #expect(FileManager.default.fileExists(atPath: bobsFile))
        let reopened = try await SQLiteMailStore.open(directory: directory, limits: limits, analyzer: headerAnalyzer)
        #expect(!FileManager.default.fileExists(atPath: bobsFile))
        #expect(FileManager.default.fileExists(atPath: inFlightFile))
        #expect(try await reopened.checkInvariants(verifyContent: true).isEmpty)
        await reopened.close()
    }
}
