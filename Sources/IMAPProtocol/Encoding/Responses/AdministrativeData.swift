/// The three namespace lists of a NAMESPACE response; an empty list is sent as NIL.
public struct NamespaceResponse: Hashable, Sendable {
    /// The user's own namespaces.
    public var personal: [NamespaceDescription]
    /// Namespaces of other users' mailboxes.
    public var otherUsers: [NamespaceDescription]
    /// Shared namespaces.
    public var shared: [NamespaceDescription]

    /// A value with the given fields.
    public init(personal: [NamespaceDescription], otherUsers: [NamespaceDescription] = [],
                shared: [NamespaceDescription] = []) {
        self.personal = personal
        self.otherUsers = otherUsers
        self.shared = shared
    }
}

/// One namespace: its prefix and hierarchy delimiter.
public struct NamespaceDescription: Hashable, Sendable {
    /// The prefix as a mailbox name fragment (UTF-8), e.g. `""` or `"Shared/"`.
    public var prefix: String
    /// The hierarchy delimiter; nil for NIL.
    public var delimiter: Character?

    /// A value with the given fields.
    public init(prefix: String, delimiter: Character? = "/") {
        self.prefix = prefix
        self.delimiter = delimiter
    }
}

/// Usage and limit of one quota resource (RFC 9208 §5.1).
public struct QuotaUsage: Hashable, Sendable {
    /// The resource name, e.g. `STORAGE` or `MESSAGE`.
    public var resource: String
    /// The amount in use.
    public var usage: UInt64
    /// The limit.
    public var limit: UInt64

    /// A value with the given fields.
    public init(resource: String, usage: UInt64, limit: UInt64) {
        self.resource = resource
        self.usage = usage
        self.limit = limit
    }
}

/// One identifier and its rights in an ACL response (RFC 4314 §3.6).
public struct ACLEntry: Hashable, Sendable {
    /// The user or group the rights are granted to (`anyone`, a user name...).
    public var identifier: String
    /// The rights letters (RFC 4314 §2.1).
    public var rights: String

    /// A value with the given fields.
    public init(identifier: String, rights: String) {
        self.identifier = identifier
        self.rights = rights
    }
}
