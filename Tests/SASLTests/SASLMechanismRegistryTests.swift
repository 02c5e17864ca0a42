import Testing
@testable import SASL

@Suite("SASL mechanism registry")
struct SASLMechanismRegistryTests {
    @Test("the standard registry offers SCRAM-SHA-256, PLAIN and LOGIN, case-insensitively")
    func standard() throws {
        let registry = SASLMechanismRegistry.standard()
        #expect(registry.mechanismNames == ["SCRAM-SHA-256", "PLAIN", "LOGIN"])
        #expect(registry.entry(named: "plain")?.sendsPasswordInClear == true)
        #expect(registry.entry(named: "LOGIN")?.sendsPasswordInClear == true)
        #expect(registry.entry(named: "scram-sha-256")?.sendsPasswordInClear == false)
        #expect(registry.makeServerMechanism(named: "CRAM-MD5") == nil)
        let mechanism = try #require(registry.makeServerMechanism(named: "Scram-Sha-256"))
        #expect(mechanism.name == "SCRAM-SHA-256")
    }

    @Test("the injected nonce source feeds SCRAM's server-first message")
    func injectedNonce() throws {
        let nonce = try #require(SCRAMNonce("fixedServerNonce"))
        let context = SASLServerContext(limits: .standard, unknownUserSaltKey: [1, 2, 3]) { nonce }
        let registry = SASLMechanismRegistry.standard(context: context)
        var mechanism = try #require(registry.makeServerMechanism(named: "SCRAM-SHA-256"))
        _ = mechanism.start(initialResponse: bytes("n,,n=user,r=abc"))
        let serverFirst = try #require(mechanism.provide(credential: try cheapCredential("x")).challengeBytes)
        #expect(text(serverFirst).hasPrefix("r=abcfixedServerNonce,"))
    }

    @Test("registering a name again replaces the mechanism")
    func replace() {
        var registry = SASLMechanismRegistry(context: .system(), entries: [.plain, .login])
        registry.register(SASLMechanismRegistry.Entry(name: "plain", sendsPasswordInClear: false) { context in
            LoginServerMechanism(limits: context.limits)
        })
        #expect(registry.mechanismNames == ["PLAIN", "LOGIN"])
        #expect(registry.entry(named: "PLAIN")?.sendsPasswordInClear == false)
    }
}
