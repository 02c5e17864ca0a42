import MailCore
import MailStore

/// The account `martlet dev` creates in an empty store, so that a new installation can be
/// tried at once: the domain `localhost` and the user `demo@localhost`.
public struct DemoAccount: Sendable {
    public let address: EmailAddress
    /// The generated password; shown once, never stored.
    public let password: String

    static let domain = "localhost"
    static let localPart = "demo"

    /// Creates the demo domain and account if the store has no domain at all; returns nil
    /// (creating nothing) otherwise.
    static func createIfStoreIsEmpty(in store: some MailStore) async throws -> DemoAccount? {
        guard try await store.domains().isEmpty else { return nil }
        try await store.addDomain(domain)
        let address = try EmailAddress(localPart: localPart, domain: domain)
        let password = PasswordGenerator.generate()
        try await store.createAccount(address, credential: try AccountCredential.make(password: password))
        return DemoAccount(address: address, password: password)
    }
}
