import Foundation
import MailCore
import MailStore
import Testing
@testable import IMAPProtocol

@Suite("IMAP session: QUOTA (RFC 9208)")
struct SessionQuotaTests {
    @Test("without limits a mailbox has no quota root and GETQUOTA \"\" is NO; SETQUOTA is the administrator's")
    func noLimits() async throws {
        try await withSelectedInbox(messages: 1) { _, _, driver in
            #expect(await driver.command("a GETQUOTAROOT INBOX") == "* QUOTAROOT INBOX\r\na OK GETQUOTAROOT completed\r\n")
            #expect(await driver.command("b GETQUOTA \"\"") == "b NO [NONEXISTENT] No such quota root\r\n")
            #expect(await driver.command("c SETQUOTA \"\" (STORAGE 10)") == "c NO [NOPERM] Quotas are set by the administrator\r\n")
            #expect(await driver.command("d GETQUOTAROOT Nowhere").hasPrefix("d NO [NONEXISTENT]"))
        }
    }

    @Test("with limits: QUOTAROOT and QUOTA with STORAGE in KiB and MESSAGE; APPEND beyond is NO [OVERQUOTA]")
    func limits() async throws {
        try await withSelectedInbox(messages: 2) { fixture, account, driver in
            try await fixture.store.setQuota(storage: 4096, messages: 3, for: account.address)
            let used = sessionTestMessage().count * 2
            let kib = (used + 1023) / 1024
            #expect(await driver.command("a GETQUOTAROOT INBOX")
                == "* QUOTAROOT INBOX \"\"\r\n* QUOTA \"\" (STORAGE \(kib) 4 MESSAGE 2 3)\r\na OK GETQUOTAROOT completed\r\n")
            #expect(await driver.command("b GETQUOTA \"\"") == "* QUOTA \"\" (STORAGE \(kib) 4 MESSAGE 2 3)\r\nb OK GETQUOTA completed\r\n")
            let message = String(decoding: sessionTestMessage(subject: "third"), as: UTF8.self)
            let third = await driver.send("c APPEND INBOX {\(message.utf8.count)+}\r\n\(message)\r\n")
            #expect(third.contains("c OK [APPENDUID"), "\(third)")
            let fourth = await driver.send("d APPEND INBOX {\(message.utf8.count)+}\r\n\(message)\r\n")
            #expect(fourth == "d NO [OVERQUOTA] the account's quota has no room for it\r\n", "\(fourth)")
            let copy = await driver.command("e COPY 1 Archive")
            #expect(copy.hasSuffix("e NO [OVERQUOTA] the account's quota has no room for it\r\n"), "\(copy)")
        }
    }

    @Test("STATUS DELETED and DELETED-STORAGE (RFC 9208 §4.3)")
    func deletedStorage() async throws {
        try await withSelectedInbox(messages: 3) { _, _, driver in
            _ = await driver.command("a STORE 1:2 +FLAGS.SILENT (\\Deleted)")
            let kib = (sessionTestMessage().count * 2 + 1023) / 1024
            #expect(await driver.command("b STATUS INBOX (DELETED DELETED-STORAGE)")
                == "* STATUS INBOX (DELETED 2 DELETED-STORAGE \(kib))\r\nb OK STATUS completed\r\n")
        }
    }
}
