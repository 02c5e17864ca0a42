import MailCore
import MailStore
import SASL

/// Turns a password into the credential string the store keeps (a salted SCRAM-SHA-256
/// credential, RFC 5802/7677, in the RFC 5803 text form). The password itself is never stored.
public enum AccountCredential {
    public static func make(password: String, iterations: Int = SCRAMCredential.defaultIterations) throws(AccountCredentialError) -> String {
        do {
            return try SCRAMCredential(password: password, iterations: iterations).encoded
        } catch {
            throw AccountCredentialError(reason: "\(error)")
        }
    }
}

/// The password cannot be used (e.g. SASLprep prohibits one of its characters).
public struct AccountCredentialError: Error, CustomStringConvertible {
    public let reason: String
    public var description: String { "the password cannot be used: \(reason)" }
}

extension DirectoryStore {
    /// The SCRAM credential of a login name (an account's address), or nil when there is no
    /// such account or its credential cannot be read — every protocol's credential lookup.
    func scramCredential(ofLogin username: String) async -> SCRAMCredential? {
        guard let address = try? EmailAddress(parsing: username),
              let account = try? await account(for: address) else { return nil }
        return try? SCRAMCredential(encoded: account.credential)
    }
}
