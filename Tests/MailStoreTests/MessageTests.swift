import Foundation
import MailCore
import Testing
@testable import MailStore

@Suite("Messages: delivery, flags, expunge, copy, move")
struct MessageTests {
    @Test func deliveryToSeveralAccountsIsReadBack() async throws {
        try await withStore { fixture in
            let store = fixture.store
            let alice = try await fixture.account("alice")
            let bob = try await fixture.account("bob")
            let bytes = testMessage(subject: "for both")
            let receipt = try await store.deliver(.bytes(bytes), to: [
                DeliveryTarget(account: alice.id),
                DeliveryTarget(account: bob.id, mailbox: MailboxName("Archive"), flags: MessageFlags(system: .seen, keywords: ["$Work"])),
                DeliveryTarget(account: bob.id, mailbox: MailboxName("Missing")),
            ])
            #expect(receipt.saved.map(\.mailboxName.rawValue) == ["INBOX", "Archive", "INBOX"])
            #expect(receipt.sha256 == BlobDigest.of(bytes).hex)
            let archived = receipt.saved[1]
            let content = try await store.content(of: archived.uid, in: archived.mailbox)
            #expect(content.bytes == bytes)
            #expect(content.summary.flags == MessageFlags(system: .seen, keywords: ["$Work"]))
            #expect(content.summary.size == bytes.count)
            #expect(try await store.structure(of: archived.uid, in: archived.mailbox) == content.structure)
            // One blob row for three copies.
            #expect(try await store.statistics().blobs == 1)
            #expect(try await store.statistics().messages == 3)
            #expect(try await store.checkInvariants(verifyContent: true).isEmpty)
            await #expect(throws: MailStoreError.noDeliveryTargets) { try await store.deliver(.bytes(bytes), to: []) }
            await #expect(throws: MailStoreError.invalidKeyword("bad keyword")) {
                try await store.deliver(.bytes(bytes), to: [DeliveryTarget(account: alice.id, flags: MessageFlags(keywords: ["bad keyword"]))])
            }
        }
    }

    @Test func severalMessagesAreReadTogetherInlineFromFilesAndWithoutTheExpungedOnes() async throws {
        var limits = MailStoreLimits()
        limits.inlineBlobThreshold = 1024
        try await withStore(limits: limits) { fixture in
            let store = fixture.store
            let account = try await fixture.account("bea")
            let inbox = try await fixture.inbox(of: account)
            let small = testMessage(subject: "small")
            let large = testMessage(subject: "large", padding: 5000)
            for message in [small, large, small] { _ = try await store.append(.bytes(message), to: inbox, flags: .none) }
            _ = try await store.expunge(UIDSet([UID(3)]), in: inbox, onlyDeleted: false)
            let contents = try await store.contents(of: [UID(2), UID(3), UID(1), UID(9)], in: inbox)
            #expect(contents.map(\.summary.uid) == [UID(2), UID(1)])
            #expect(contents.map(\.bytes) == [large, small])
            let structures = try await store.structures(of: [UID(1), UID(3), UID(2)], in: inbox)
            #expect(Set(structures.keys) == [UID(1), UID(2)])
            #expect(structures[UID(2)]?.envelope.subject == "large")
            #expect(try await store.contents(of: [], in: inbox).isEmpty)
        }
    }

    @Test func headersAreReadWithoutTheRestInlineAndFromFiles() async throws {
        var limits = MailStoreLimits()
        limits.inlineBlobThreshold = 16_000
        try await withStore(limits: limits) { fixture in
            let store = fixture.store
            let account = try await fixture.account("hal")
            let inbox = try await fixture.inbox(of: account)
            let small = testMessage(subject: "small")
            // Inline, past several overflow pages; then one in a file.
            let inlineLarge = testMessage(subject: "inline large", padding: 12_000)
            let inFile = testMessage(subject: "in a file", padding: 40_000)
            let headerOnly = Array("Subject: no body at all\r\nFrom: a@example.net\r\n".utf8)
            for message in [small, inlineLarge, inFile, headerOnly, small] {
                _ = try await store.append(.bytes(message), to: inbox, flags: .none)
            }
            _ = try await store.expunge(UIDSet([UID(5)]), in: inbox, onlyDeleted: false)
            let headers = try await store.headers(of: [UID(3), UID(5), UID(1), UID(2), UID(4), UID(9)], in: inbox)
            #expect(headers.map(\.summary.uid) == [UID(3), UID(1), UID(2), UID(4)])
            for (header, whole) in zip(headers, [inFile, small, inlineLarge, headerOnly]) {
                let end = header.structure.root.headerRange.upperBound
                #expect(end > 0)
                #expect(header.bytes == Array(whole[..<end]))
                #expect(header.summary.size == whole.count)
            }
            #expect(String(decoding: headers[0].bytes, as: UTF8.self).hasSuffix("Subject: in a file\r\nMessage-ID: "
                + headers[0].structure.envelope.messageID! + "\r\n\r\n"))
            #expect(headers[3].bytes == headerOnly)
            #expect(try await store.headers(of: [], in: inbox).isEmpty)
        }
    }

    @Test func mailboxByNameIsReadWithItsMessages() async throws {
        try await withStore { fixture in
            let store = fixture.store
            let ada = try await fixture.account("ada")
            let other = try await fixture.account("other")
            let archive = try await store.createMailbox(MailboxName("Projects"), of: ada.id, specialUse: nil)
            for index in 1...3 { _ = try await store.append(.bytes(testMessage(subject: "a\(index)")), to: archive.id, flags: .none) }
            let (info, snapshot) = try await store.snapshot(ofMailboxNamed: MailboxName("Projects"), of: ada.id)
            #expect(info == (try await store.mailbox(named: MailboxName("Projects"), of: ada.id)))
            #expect(snapshot == (try await store.snapshot(of: archive.id)))
            #expect(snapshot.messages.map(\.uid) == [UID(1), UID(2), UID(3)])
            await #expect(throws: MailStoreError.mailboxNotFound("Projects")) {
                _ = try await store.snapshot(ofMailboxNamed: MailboxName("Projects"), of: other.id)
            }
        }
    }

    @Test func snapshotOfSomeUIDsReadsThoseOnly() async throws {
        try await withStore { fixture in
            let bob = try await fixture.account("bob")
            let inbox = try await fixture.inbox(of: bob)
            for index in 1...6 { _ = try await fixture.store.append(.bytes(testMessage(subject: "m\(index)")), to: inbox, flags: .none) }
            let some = try await fixture.store.snapshot(of: inbox, uids: UIDSet([UID(2), UID(3), UID(5), UID(9)]), changedSince: nil)
            #expect(some.messages.map(\.uid) == [UID(2), UID(3), UID(5)])
            #expect(some.uidNext == UID(7))
            let stored = try await fixture.store.storeFlags(.add(MessageFlags(system: .flagged)), on: UIDSet([UID(3)]), in: inbox)
            let changed = try await fixture.store.snapshot(of: inbox, uids: UIDSet(UID(1)...UID(6)),
                                                           changedSince: ModSequence(stored.updates[0].modSequence.rawValue - 1))
            #expect(changed.messages.map(\.uid) == [UID(3)])
        }
    }

    @Test func tooLargeMessagesAreRefused() async throws {
        var limits = MailStoreLimits()
        limits.maximumMessageSize = 1_000
        try await withStore(limits: limits) { fixture in
            let account = try await fixture.account("kim")
            let bytes = testMessage(padding: 2_000)
            await #expect(throws: MailStoreError.messageTooLarge(size: bytes.count, limit: 1_000)) {
                try await fixture.store.deliver(.bytes(bytes), to: [DeliveryTarget(account: account.id)])
            }
        }
    }

    @Test func flagsGetModSequencesAndHonourUnchangedSince() async throws {
        try await withStore { fixture in
            let store = fixture.store
            let account = try await fixture.account("lena")
            let inbox = try await fixture.inbox(of: account)
            for index in 0 ..< 4 { _ = try await store.append(.bytes(testMessage(subject: "\(index)")), to: inbox, flags: .none) }
            let start = try await store.snapshot(of: inbox, changedSince: nil)

            let seen = try await store.storeFlags(.add(MessageFlags(system: .seen, keywords: ["$Label1"])), on: UIDSet(UID(1) ... UID(2)),
                                                  in: inbox, unchangedSince: nil)
            #expect(seen.updates.map(\.uid) == [UID(1), UID(2)])
            #expect(seen.updates.allSatisfy { $0.changed && $0.modSequence > start.highestModSequence })
            #expect(seen.highestModSequence == seen.updates[0].modSequence)

            // Setting a flag that is already set changes nothing and keeps the MODSEQ.
            let again = try await store.storeFlags(.add(MessageFlags(system: .seen)), on: UIDSet([UID(1)]), in: inbox, unchangedSince: nil)
            #expect(again.updates == [FlagUpdate(uid: UID(1), flags: MessageFlags(system: .seen, keywords: ["$Label1"]),
                                                modSequence: seen.highestModSequence, changed: false)])

            // UNCHANGEDSINCE below message 1's MODSEQ: 1 fails, 3 is changed.
            let conditional = try await store.storeFlags(.replace(MessageFlags(system: .flagged)), on: UIDSet([UID(1), UID(3), UID(9)]),
                                                         in: inbox, unchangedSince: start.highestModSequence)
            #expect(conditional.failedUnchangedSince == [UID(1)])
            #expect(conditional.updates.map(\.uid) == [UID(3)])
            #expect(conditional.updates.first?.flags == MessageFlags(system: .flagged))

            let removed = try await store.storeFlags(.remove(MessageFlags(keywords: ["$Label1"])), on: .all, in: inbox, unchangedSince: nil)
            #expect(removed.updates.filter(\.changed).map(\.uid) == [UID(1), UID(2)])

            let changed = try await store.snapshot(of: inbox, changedSince: conditional.highestModSequence)
            #expect(changed.messages.map(\.uid) == [UID(1), UID(2)])
            #expect(changed.messages.allSatisfy { $0.flags == MessageFlags(system: .seen) })
        }
    }

    /// An expunge of runs of UIDs with gaps between them deletes exactly those messages,
    /// logs each, and releases content shared by several of them once per message.
    @Test func expungeOfRunsDeletesExactlyThoseAndReleasesSharedContent() async throws {
        try await withStore { fixture in
            let store = fixture.store
            let account = try await fixture.account("runa")
            let inbox = try await fixture.inbox(of: account)
            for index in 1 ... 7 { _ = try await store.append(.bytes(testMessage(subject: "\(index)")), to: inbox, flags: .none) }
            // UIDs 8 and 9 are copies of 2: three messages share its content.
            _ = try await store.copy(UIDSet([UID(2)]), from: inbox, to: inbox)
            _ = try await store.copy(UIDSet([UID(2)]), from: inbox, to: inbox)
            let kept = try await store.content(of: UID(9), in: inbox).bytes
            let before = try await store.statistics().blobs
            let mark = try await store.status(of: inbox).highestModSequence
            let result = try await store.expunge(UIDSet([UID(1), UID(2), UID(3), UID(5), UID(8)]), in: inbox, onlyDeleted: false)
            #expect(result.expunged == [UID(1), UID(2), UID(3), UID(5), UID(8)])
            #expect(try await store.snapshot(of: inbox, changedSince: nil).messages.map(\.uid) == [UID(4), UID(6), UID(7), UID(9)])
            #expect(try await store.expunged(from: inbox, since: mark).uids == [UID(1), UID(2), UID(3), UID(5), UID(8)])
            // The shared content stays for UID 9; the contents of 1, 3 and 5 are gone.
            #expect(try await store.statistics().blobs == before - 3)
            #expect(try await store.content(of: UID(9), in: inbox).bytes == kept)
            #expect(try await store.checkInvariants(verifyContent: true).isEmpty)
        }
    }

    @Test func consecutiveRunsGroupNeighbours() {
        #expect(MessageSQL.consecutiveRuns([]).isEmpty)
        #expect(MessageSQL.consecutiveRuns([7, 1, 2, 3, 5, 6]).map { [$0.first, $0.last] } == [[1, 3], [5, 7]])
        #expect(MessageSQL.consecutiveRuns([4]).map { [$0.first, $0.last] } == [[4, 4]])
    }

    @Test func expungeLogsUIDsWithTheirModSequence() async throws {
        try await withStore { fixture in
            let store = fixture.store
            let account = try await fixture.account("mona")
            let inbox = try await fixture.inbox(of: account)
            for index in 0 ..< 5 { _ = try await store.append(.bytes(testMessage(subject: "\(index)")), to: inbox, flags: .none) }
            try await store.storeFlags(.add(MessageFlags(system: .deleted)), on: UIDSet([UID(2), UID(4)]), in: inbox, unchangedSince: nil)
            let mark = try await store.status(of: inbox).highestModSequence

            let onlyDeleted = try await store.expunge(.all, in: inbox, onlyDeleted: true)
            #expect(onlyDeleted.expunged == [UID(2), UID(4)])
            #expect(onlyDeleted.modSequence > mark)
            let explicit = try await store.expunge(UIDSet([UID(5), UID(7)]), in: inbox, onlyDeleted: false)
            #expect(explicit.expunged == [UID(5)])
            #expect(explicit.modSequence > onlyDeleted.modSequence)
            let nothing = try await store.expunge(UIDSet([UID(7)]), in: inbox, onlyDeleted: false)
            #expect(nothing.expunged.isEmpty)
            #expect(nothing.modSequence == explicit.modSequence)

            #expect(try await store.expunged(from: inbox, since: mark).uids == [UID(2), UID(4), UID(5)])
            #expect(try await store.expunged(from: inbox, since: onlyDeleted.modSequence).uids == [UID(5)])
            #expect(try await store.snapshot(of: inbox, changedSince: nil).messages.map(\.uid) == [UID(1), UID(3)])
            await #expect(throws: MailStoreError.messageNotFound(UID(2))) { try await store.content(of: UID(2), in: inbox) }
            // UIDs are never reused.
            let next = try await store.append(.bytes(testMessage()), to: inbox, flags: .none)
            #expect(next.uid == UID(6))
            #expect(try await store.checkInvariants(verifyContent: true).isEmpty)
        }
    }

    @Test func copyAndMoveAssignNewUIDsAndShareContent() async throws {
        try await withStore { fixture in
            let store = fixture.store
            let account = try await fixture.account("nina")
            let inbox = try await fixture.inbox(of: account)
            let archive = try await fixture.mailbox("Archive", of: account)
            _ = try await store.append(.bytes(testMessage(subject: "pre")), to: archive, flags: .none)
            for index in 0 ..< 3 {
                _ = try await store.append(.bytes(testMessage(subject: "\(index)")), to: inbox,
                                           flags: MessageFlags(system: index == 1 ? .flagged : [], keywords: ["k\(index)"]))
            }
            let copied = try await store.copy(UIDSet([UID(1), UID(3)]), from: inbox, to: archive)
            #expect(copied.mappings == [UIDMapping(source: UID(1), destination: UID(2)), UIDMapping(source: UID(3), destination: UID(3))])
            #expect(copied.destinationUIDValidity == (try await store.mailbox(named: MailboxName("Archive"), of: account.id).uidValidity))
            #expect(copied.sourceExpunge == nil)
            #expect(try await store.status(of: inbox).messages == 3)

            let moved = try await store.move(UIDSet(UID(2) ... UID(3)), from: inbox, to: archive)
            #expect(moved.mappings.map(\.destination) == [UID(4), UID(5)])
            #expect(moved.sourceExpunge?.expunged == [UID(2), UID(3)])
            let archived = try await store.snapshot(of: archive, changedSince: nil)
            #expect(archived.messages.map(\.uid) == [UID(1), UID(2), UID(3), UID(4), UID(5)])
            #expect(archived.messages[3].flags == MessageFlags(system: .flagged, keywords: ["k1"]))
            #expect(try await store.snapshot(of: inbox, changedSince: nil).messages.map(\.uid) == [UID(1)])
            let original = try await store.content(of: UID(3), in: archive)
            let moveCopy = try await store.content(of: UID(5), in: archive)
            #expect(original.bytes == moveCopy.bytes)
            #expect(try await store.checkInvariants(verifyContent: true).isEmpty)

            // Deleting the mailbox releases the shared content only when nothing else refers to it.
            let sub = try await store.createMailbox(MailboxName("Sub"), of: account.id, specialUse: nil)
            _ = try await store.copy(.all, from: archive, to: sub.id)
            try await store.deleteMailbox(MailboxName("Archive"), of: account.id)
            #expect(try await store.snapshot(of: sub.id, changedSince: nil).messages.count == 5)
            #expect(try await store.checkInvariants(verifyContent: true).isEmpty)
        }
    }

    @Test func uidSetsMergeAndAreBounded() async throws {
        var set = UIDSet([UID(5), UID(1), UID(2), UID(3), UID(9)])
        #expect(set.description == "1:3,5,9")
        set.insert(UID(4) ... UID(8))
        #expect(set.description == "1:9")
        #expect(set.contains(UID(7)))
        #expect(!set.contains(UID(10)))
        var limits = MailStoreLimits()
        limits.maximumUIDRanges = 2
        try await withStore(limits: limits) { fixture in
            let account = try await fixture.account("omar")
            let inbox = try await fixture.inbox(of: account)
            await #expect(throws: MailStoreError.tooManyUIDRanges(limit: 2)) {
                try await fixture.store.expunge(UIDSet([UID(1), UID(3), UID(5)]), in: inbox, onlyDeleted: false)
            }
        }
    }
}
