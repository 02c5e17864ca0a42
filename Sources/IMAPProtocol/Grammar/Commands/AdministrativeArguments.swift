/// One resource limit of `SETQUOTA` or a `QUOTA` response (RFC 9208 §4.1.3).
public struct QuotaLimit: Hashable, Sendable {
    /// The resource name, upper-cased, e.g. `STORAGE` (in units of 1024 octets) or `MESSAGE`.
    public var resource: String
    /// The limit.
    public var limit: UInt64

    /// A value with the given fields.
    public init(resource: String, limit: UInt64) {
        self.resource = resource
        self.limit = limit
    }
}

/// The rights argument of `SETACL` (RFC 4314 §3.1): replace, add (`+`) or remove (`-`).
public struct ACLModification: Hashable, Sendable {
    /// How the rights change: replaced, added (`+`) or removed (`-`).
    public enum Operation: Hashable, Sendable {
        case replace, add, remove
    }

    /// Replace, add or remove.
    public var operation: Operation
    /// The rights letters, e.g. `lrswi`.
    public var rights: String

    /// A value with the given fields.
    public init(operation: Operation, rights: String) {
        self.operation = operation
        self.rights = rights
    }
}

/// One field of an `ID` command or response (RFC 2971 §3.3).
public struct IDParameter: Hashable, Sendable {
    /// The field name, e.g. `name` or `version`.
    public var field: String
    /// The value; nil for NIL.
    public var value: String?

    /// A value with the given fields.
    public init(field: String, value: String?) {
        self.field = field
        self.value = value
    }
}
