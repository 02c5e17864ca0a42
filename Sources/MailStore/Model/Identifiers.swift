/// Identifies an account inside one store. Stable for the life of the account.
public struct AccountID: RawRepresentable, Hashable, Sendable, Comparable, CustomStringConvertible {
    public let rawValue: Int64
    public init(rawValue: Int64) { self.rawValue = rawValue }
    public var description: String { "account#\(rawValue)" }
    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// Identifies one mailbox of one account. A mailbox that is deleted and created again under
/// the same name gets a new identifier (and a new UIDVALIDITY); a rename keeps it.
///
/// The account is part of the identifier so that a mailbox of one account can never be
/// reached through another account's session (DESIGN rule 5).
public struct MailboxID: Hashable, Sendable, CustomStringConvertible {
    public let account: AccountID
    public let rawValue: Int64
    public init(account: AccountID, rawValue: Int64) {
        self.account = account
        self.rawValue = rawValue
    }
    public var description: String { "mailbox#\(rawValue) of \(account)" }
}

/// A message's unique identifier in its mailbox (RFC 9051 §2.3.1.1): a non-zero 32-bit
/// number, strictly ascending in the order messages are added, never reused within one
/// UIDVALIDITY.
public struct UID: RawRepresentable, Hashable, Sendable, Comparable, CustomStringConvertible {
    public let rawValue: UInt32
    public init(rawValue: UInt32) { self.rawValue = rawValue }
    public init(_ value: UInt32) { self.rawValue = value }
    public var description: String { String(rawValue) }
    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }
    /// The smallest UID.
    public static let min = UID(1)
    /// The largest UID.
    public static let max = UID(UInt32.max)
}

/// The UIDVALIDITY of a mailbox (RFC 9051 §2.3.1.1): when it changes, every UID a client
/// cached for that mailbox is void.
public struct UIDValidity: RawRepresentable, Hashable, Sendable, Comparable, CustomStringConvertible {
    public let rawValue: UInt32
    public init(rawValue: UInt32) { self.rawValue = rawValue }
    public var description: String { String(rawValue) }
    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// A modification sequence (RFC 7162 §3): every change to a message or to the set of
/// messages of a mailbox gets a value greater than every earlier one in that mailbox.
public struct ModSequence: RawRepresentable, Hashable, Sendable, Comparable, CustomStringConvertible {
    public let rawValue: UInt64
    public init(rawValue: UInt64) { self.rawValue = rawValue }
    public init(_ value: UInt64) { self.rawValue = value }
    public var description: String { String(rawValue) }
    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }
    /// Lower than the value of any change: "everything since the beginning".
    public static let zero = ModSequence(0)
}
