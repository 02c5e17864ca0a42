import Foundation
import MailCore
import Testing
@testable import MailStore

@Suite("Blobs: inline and file content, dedup, spool files, garbage collection")
struct BlobTests {
    /// A store whose messages above 2,000 octets become files.
    static var smallInlineLimits: MailStoreLimits {
        var limits = MailStoreLimits()
        limits.inlineBlobThreshold = 2_000
        return limits
    }

    static func blobFiles(in directory: String) throws -> [String] {
        let blobs = directory + "/blobs"
        return try FileManager.default.contentsOfDirectory(atPath: blobs).flatMap { shard in
            try FileManager.default.contentsOfDirectory(atPath: blobs + "/" + shard)
        }
    }

    @Test func smallMessagesStayInlineAndLargeOnesBecomeOneSharedFile() async throws {
        try await withStore(limits: Self.smallInlineLimits) { fixture in
            let store = fixture.store
            let alice = try await fixture.account("alice")
            let bob = try await fixture.account("bob")
            let small = testMessage(subject: "small")
            let large = testMessage(subject: "large", padding: 10_000)
            _ = try await store.deliver(.bytes(small), to: [DeliveryTarget(account: alice.id)])
            #expect(try Self.blobFiles(in: fixture.directory).isEmpty)

            let first = try await store.deliver(.bytes(large), to: [DeliveryTarget(account: alice.id), DeliveryTarget(account: bob.id)])
            let second = try await store.deliver(.bytes(large), to: [DeliveryTarget(account: bob.id)])
            #expect(first.sha256 == second.sha256)
            #expect(try Self.blobFiles(in: fixture.directory) == [first.sha256])
            let statistics = try await store.statistics()
            #expect(statistics.blobs == 2)
            #expect(statistics.inlineBlobs == 1)
            #expect(statistics.messages == 4)
            let read = try await store.content(of: second.saved[0].uid, in: second.saved[0].mailbox)
            #expect(read.bytes == large)
            #expect(try await store.checkInvariants(verifyContent: true).isEmpty)

            // The file goes when the last reference goes, not before.
            try await store.expunge(.all, in: fixture.inbox(of: bob), onlyDeleted: false)
            #expect(try Self.blobFiles(in: fixture.directory) == [first.sha256])
            try await store.expunge(.all, in: fixture.inbox(of: alice), onlyDeleted: false)
            try await waitUntil { try Self.blobFiles(in: fixture.directory).isEmpty }
            #expect(try await store.statistics().blobs == 0)
            #expect(try await store.checkInvariants(verifyContent: true).isEmpty)
        }
    }

    @Test func spooledFilesAreAdoptedWithoutCopy() async throws {
        try await withStore(limits: Self.smallInlineLimits) { fixture in
            let store = fixture.store
            let account = try await fixture.account("paul")
            let large = testMessage(subject: "spooled large", padding: 5_000)
            let spool = try await store.makeSpoolFile()
            try Data(large).write(to: URL(fileURLWithPath: spool.path))
            let inodeBefore = try FileManager.default.attributesOfItem(atPath: spool.path)[.systemFileNumber] as? Int
            let receipt = try await store.deliver(.spooled(spool), to: [DeliveryTarget(account: account.id)])
            #expect(!FileManager.default.fileExists(atPath: spool.path))
            let blobPath = fixture.directory + "/blobs/" + receipt.sha256.prefix(2) + "/" + receipt.sha256
            let inodeAfter = try FileManager.default.attributesOfItem(atPath: blobPath)[.systemFileNumber] as? Int
            #expect(inodeBefore != nil && inodeBefore == inodeAfter)

            let small = testMessage(subject: "spooled small")
            let smallSpool = try await store.makeSpoolFile()
            try Data(small).write(to: URL(fileURLWithPath: smallSpool.path))
            let smallReceipt = try await store.deliver(.spooled(smallSpool), to: [DeliveryTarget(account: account.id)])
            #expect(!FileManager.default.fileExists(atPath: smallSpool.path))
            #expect(try await store.content(of: smallReceipt.saved[0].uid, in: smallReceipt.saved[0].mailbox).bytes == small)

            await #expect(throws: MailStoreError.invalidSpoolFile("/etc/passwd")) {
                try await store.deliver(.spooled(SpoolFile(path: "/etc/passwd")), to: [DeliveryTarget(account: account.id)])
            }
            let sneaky = SpoolFile(path: fixture.directory + "/spool/spool-x/../../store.sqlite")
            await #expect(throws: MailStoreError.invalidSpoolFile(sneaky.path)) {
                try await store.deliver(.spooled(sneaky), to: [DeliveryTarget(account: account.id)])
            }
            #expect(try await store.checkInvariants(verifyContent: true).isEmpty)
        }
    }

    @Test func garbageCollectionRemovesOrphansButKeepsReferencedContent() async throws {
        try await withStore(limits: Self.smallInlineLimits) { fixture in
            let store = fixture.store
            let account = try await fixture.account("quinn")
            let kept = testMessage(subject: "kept", padding: 4_000)
            let receipt = try await store.deliver(.bytes(kept), to: [DeliveryTarget(account: account.id)])

            // What a crash between the file's rename and the commit leaves behind, days ago.
            let orphan = testMessage(subject: "never committed", padding: 4_000)
            let orphanDigest = BlobDigest.of(orphan)
            let layout = StoreLayout(root: fixture.directory)
            try Data(orphan).write(to: URL(fileURLWithPath: layout.blobPath(of: orphanDigest)))
            try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSinceNow: -3 * 86_400)],
                                                  ofItemAtPath: layout.blobPath(of: orphanDigest))
            // A file just written may belong to a delivery about to commit (possibly in
            // another process): it stays.
            let young = testMessage(subject: "being delivered", padding: 4_000)
            let youngPath = layout.blobPath(of: BlobDigest.of(young))
            try Data(young).write(to: URL(fileURLWithPath: youngPath))
            let staleSpool = try await store.makeSpoolFile()
            try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSinceNow: -3 * 86_400)], ofItemAtPath: staleSpool.path)
            let freshSpool = try await store.makeSpoolFile()

            let report = try await store.collectGarbage()
            #expect(report.orphanBlobFilesRemoved == 1)
            #expect(report.spoolFilesRemoved == 1)
            #expect(!FileManager.default.fileExists(atPath: layout.blobPath(of: orphanDigest)))
            #expect(!FileManager.default.fileExists(atPath: staleSpool.path))
            #expect(FileManager.default.fileExists(atPath: freshSpool.path))
            #expect(FileManager.default.fileExists(atPath: youngPath))
            #expect(try Set(Self.blobFiles(in: fixture.directory)) == [receipt.sha256, BlobDigest.of(young).hex])
            #expect(try await store.content(of: receipt.saved[0].uid, in: receipt.saved[0].mailbox).bytes == kept)
            #expect(try await store.checkInvariants(verifyContent: true).isEmpty)
        }
    }

    @Test func reopeningRemovesLeftoverSpoolFilesAndDetectsDamage() async throws {
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        var store = try await SQLiteMailStore.open(directory: directory, limits: Self.smallInlineLimits, analyzer: headerAnalyzer)
        try await store.addDomain("example.test")
        let account = try await store.createAccount(address("rosa@example.test"), credential: "c")
        let receipt = try await store.deliver(.bytes(testMessage(padding: 3_000)), to: [DeliveryTarget(account: account.id)])
        let spool = try await store.makeSpoolFile()
        await store.close()

        store = try await SQLiteMailStore.open(directory: directory, limits: Self.smallInlineLimits, analyzer: headerAnalyzer)
        #expect(!FileManager.default.fileExists(atPath: spool.path))
        #expect(try await store.checkInvariants(verifyContent: true).isEmpty)

        // Damage the blob file: the content check reports it and reading refuses it.
        let path = StoreLayout(root: directory).blobPath(of: try #require(BlobDigest(hex: receipt.sha256)))
        var bytes = try Array(Data(contentsOf: URL(fileURLWithPath: path)))
        bytes[bytes.count / 2] ^= 0xFF
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        let violations = try await store.checkInvariants(verifyContent: true)
        #expect(violations.map(\.description) == ["blob file \(receipt.sha256) does not match its SHA-256"])
        try FileManager.default.removeItem(atPath: path)
        await #expect(throws: MailStoreError.blobDamaged(sha256: receipt.sha256)) {
            try await store.content(of: receipt.saved[0].uid, in: receipt.saved[0].mailbox)
        }
        await store.close()
    }
}

/// Polls `condition` (for effects that happen just after a commit, or in the background)
/// for up to `seconds`.
func waitUntil(seconds: Int = 5, _ condition: () async throws -> Bool) async throws {
    for _ in 0 ..< seconds * 100 {
        if try await condition() { return }
        try await Task.sleep(for: .milliseconds(10))
    }
    let met = try await condition()
    #expect(met, "condition not met in time")
}
