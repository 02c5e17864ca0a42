import MailCore

/// A domain this server receives mail for. Its name is canonical: lower case, no trailing dot.
public struct Domain: Hashable, Sendable, CustomStringConvertible {
    public let name: String
    public init(name: String) { self.name = name }
    public var description: String { name }
}

/// A mail account: an address that owns mailboxes, and the credential that proves its password.
public struct Account: Hashable, Sendable, CustomStringConvertible {
    public let id: AccountID
    /// The address, with the local part as it was given when the account was created.
    public let address: EmailAddress
    /// An opaque credential string produced by the SASL module (an RFC 5803 SCRAM
    /// `authPassword`-style value). The store never sees a password.
    public let credential: String

    public init(id: AccountID, address: EmailAddress, credential: String) {
        self.id = id
        self.address = address
        self.credential = credential
    }

    public var description: String { "\(address) (\(id))" }
}

/// What an alias is defined for: one address, or every unknown address of a domain.
public enum AliasSource: Hashable, Sendable, CustomStringConvertible {
    /// Mail for this address goes to the alias's targets.
    case address(EmailAddress)
    /// Mail for any address of this domain that nothing else claims goes to the targets.
    /// The domain is canonical.
    case catchAll(domain: String)

    /// The domain the source belongs to.
    public var domain: String {
        switch self {
        case .address(let address): address.domain
        case .catchAll(let domain): domain
        }
    }

    /// `user@example.org`, or `@example.org` for a catch-all.
    public var description: String {
        switch self {
        case .address(let address): address.description
        case .catchAll(let domain): "@" + domain
        }
    }

    /// Parses `user@example.org`, or `@example.org` for a catch-all.
    public init(parsing text: String) throws(MailStoreError) {
        if text.hasPrefix("@") {
            do {
                self = .catchAll(domain: try EmailAddress.canonicalDomain(String(text.dropFirst())))
            } catch {
                throw .invalidAddress(text, reason: error.description)
            }
        } else {
            do {
                self = .address(try EmailAddress(parsing: text))
            } catch {
                throw .invalidAddress(text, reason: error.description)
            }
        }
    }
}

/// One alias: a source and the addresses its mail goes to (local or remote). With several
/// targets this is also the simple mailing list.
public struct Alias: Hashable, Sendable, CustomStringConvertible {
    public let source: AliasSource
    /// The targets, sorted by their lookup key.
    public let targets: [EmailAddress]

    public init(source: AliasSource, targets: [EmailAddress]) {
        self.source = source
        self.targets = targets
    }

    public var description: String {
        "\(source) -> \(targets.map(\.description).joined(separator: ", "))"
    }
}
