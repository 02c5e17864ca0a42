import Foundation
import MailCore
import SASL
import Testing
@testable import MailStore

@Suite("Credentials through SASL's SCRAM records")
struct CredentialTests {
    @Test func storedCredentialsVerifyTheRightPasswordOnly() async throws {
        try await withStore { fixture in
            let store = fixture.store
            let address = try address("walt@example.test")
            let credential = try SCRAMCredential(password: "correct horse", iterations: 64)
            _ = try await store.createAccount(address, credential: credential.encoded)

            let stored = try #require(try await store.account(for: address))
            #expect(!stored.credential.contains("correct horse"))
            let decoded = try SCRAMCredential(encoded: stored.credential)
            #expect(decoded.verify(password: "correct horse"))
            #expect(!decoded.verify(password: "Correct horse"))
            #expect(!decoded.verify(password: ""))

            let changed = try SCRAMCredential(password: "battery staple", iterations: 64)
            try await store.setCredential(changed.encoded, for: address)
            let updated = try SCRAMCredential(encoded: #require(try await store.account(for: address)).credential)
            #expect(updated.verify(password: "battery staple"))
            #expect(!updated.verify(password: "correct horse"))
            await #expect(throws: MailStoreError.accountNotFound("nobody@example.test")) {
                try await store.setCredential(changed.encoded, for: try EmailAddress(parsing: "nobody@example.test"))
            }
        }
    }

    @Test func apopSecretsAreSetReadAndRemovedApartFromTheCredential() async throws {
        try await withStore { fixture in
            let store = fixture.store
            let address = try address("ada@example.test")
            let credential = try SCRAMCredential(password: "login", iterations: 64).encoded
            _ = try await store.createAccount(address, credential: credential)
            #expect(try await store.apopSecret(of: address) == nil)
            try await store.setAPOPSecret("tanstaaf", for: address)
            #expect(try await store.apopSecret(of: try EmailAddress(parsing: "ADA@example.test")) == "tanstaaf")
            #expect(try await store.account(for: address)?.credential == credential)
            await #expect(throws: MailStoreError.invalidCredential) { try await store.setAPOPSecret("", for: address) }
            await #expect(throws: MailStoreError.invalidCredential) { try await store.setAPOPSecret("a\nb", for: address) }
            try await store.setAPOPSecret(nil, for: address)
            #expect(try await store.apopSecret(of: address) == nil)
            #expect(try await store.apopSecret(of: try EmailAddress(parsing: "nobody@example.test")) == nil)
        }
    }
}
