import Testing
@testable import SASL

@Suite("Password verification cache")
struct PasswordVerificationCacheTests {
    @Test("an entry matches only the same user, password and credential")
    func exactMatch() throws {
        let cache = PasswordVerificationCache()
        let credential = try cheapCredential("secret")
        cache.insert(username: "alice", password: "secret", credential: credential)
        #expect(cache.contains(username: "alice", password: "secret", credential: credential))
        #expect(!cache.contains(username: "alice", password: "Secret", credential: credential))
        #expect(!cache.contains(username: "bob", password: "secret", credential: credential))
        // A new credential for the same password (e.g. after `martlet user passwd`) is a new entry.
        let renewed = try SCRAMCredential(password: "secret", salt: Array("another salt 123".utf8), iterations: 16)
        #expect(!cache.contains(username: "alice", password: "secret", credential: renewed))
        // Length prefixes keep field boundaries apart.
        cache.insert(username: "ab", password: "c", credential: credential)
        #expect(!cache.contains(username: "a", password: "bc", credential: credential))
    }

    @Test("the oldest entries are forgotten at capacity")
    func capacity() throws {
        let cache = PasswordVerificationCache(capacity: 3)
        let credential = try cheapCredential("secret")
        for user in ["u1", "u2", "u3", "u4", "u5"] {
            cache.insert(username: user, password: "secret", credential: credential)
        }
        #expect(cache.count == 3)
        #expect(!cache.contains(username: "u1", password: "secret", credential: credential))
        #expect(!cache.contains(username: "u2", password: "secret", credential: credential))
        for user in ["u3", "u4", "u5"] {
            #expect(cache.contains(username: user, password: "secret", credential: credential))
        }
        cache.insert(username: "u5", password: "secret", credential: credential)
        #expect(cache.count == 3)
    }

    @Test("PLAIN remembers a success and answers from the cache without deriving the key")
    func plainUsesCache() throws {
        let cache = PasswordVerificationCache()
        let credential = try cheapCredential("secret")
        var first = PlainServerMechanism(verificationCache: cache)
        _ = first.start(initialResponse: bytes("\u{0}alice\u{0}secret"))
        #expect(first.provide(credential: credential).authentication != nil)
        #expect(cache.count == 1)

        // A wrong password is checked in full and never cached.
        var wrong = PlainServerMechanism(verificationCache: cache)
        _ = wrong.start(initialResponse: bytes("\u{0}alice\u{0}guess"))
        #expect(wrong.provide(credential: credential).failureReason == .invalidCredentials)
        #expect(cache.count == 1)

        // Proof that a hit skips the derivation: an entry planted for a password that does
        // not derive this credential is accepted — only the cache can say yes here.
        cache.insert(username: "carol", password: "planted", credential: credential)
        var planted = PlainServerMechanism(verificationCache: cache)
        _ = planted.start(initialResponse: bytes("\u{0}carol\u{0}planted"))
        #expect(planted.provide(credential: credential).authentication?.authenticationIdentity == "carol")
        var uncached = PlainServerMechanism()
        _ = uncached.start(initialResponse: bytes("\u{0}carol\u{0}planted"))
        #expect(uncached.provide(credential: credential).failureReason == .invalidCredentials)
    }

    @Test("LOGIN and the registry share the context's cache")
    func registryPassesCache() throws {
        let cache = PasswordVerificationCache()
        let registry = SASLMechanismRegistry.standard(context: .system(verificationCache: cache))
        let credential = try cheapCredential("secret")
        var login = try #require(registry.makeServerMechanism(named: "LOGIN"))
        _ = login.start(initialResponse: bytes("dave"))
        _ = login.step(bytes("secret"))
        #expect(login.provide(credential: credential).authentication != nil)
        #expect(cache.contains(username: "dave", password: "secret", credential: credential))
    }
}
