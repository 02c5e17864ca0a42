import MailCore

/// The octets of a mailbox name or pattern as the client sent them, before decoding.
///
/// Which encoding applies is the session's decision: modified UTF-7 for IMAP4rev1 clients,
/// UTF-8 once the client has enabled `UTF8=ACCEPT` or `IMAP4rev2` (RFC 6855 §3, RFC 9051 §5.1).
public protocol MailboxOctets: Hashable, Sendable, CustomStringConvertible {
    /// The octets as sent.
    var bytes: [UInt8] { get }
    /// A value from its wire octets.
    init(_ bytes: [UInt8])
}

extension MailboxOctets {
    /// A value from text, taken as UTF-8 octets (for tests and internal callers).
    public init(_ text: String) { self.init(Array(text.utf8)) }

    /// The text: UTF-8 when `utf8Enabled`, modified UTF-7 otherwise (wildcards and the
    /// delimiter are ASCII, so they decode as themselves).
    public func decoded(utf8Enabled: Bool) throws(MailboxArgumentError) -> String {
        if utf8Enabled {
            guard let text = String(validating: bytes, as: UTF8.self) else { throw .invalidUTF8 }
            return text
        }
        do {
            return try ModifiedUTF7.decode(bytes)
        } catch {
            throw .invalidModifiedUTF7(error)
        }
    }

    /// The octets shown as UTF-8.
    public var description: String { String(decoding: bytes, as: UTF8.self) }
}

/// A mailbox name argument as sent (the octets of an `astring`).
public struct EncodedMailboxName: MailboxOctets {
    /// The octets as sent.
    public var bytes: [UInt8]

    /// A name from its wire octets.
    public init(_ bytes: [UInt8]) { self.bytes = bytes }

    /// The checked mailbox name (`INBOX` in any case becomes `INBOX`, RFC 9051 §5.1).
    public func mailboxName(utf8Enabled: Bool) throws(MailboxArgumentError) -> MailboxName {
        let text = try decoded(utf8Enabled: utf8Enabled)
        do {
            return try MailboxName(text)
        } catch {
            throw .invalidName(error)
        }
    }
}

/// A LIST or LSUB mailbox pattern as sent (RFC 9051 §6.3.9 `list-mailbox`): `*` matches
/// anything, `%` anything but the hierarchy delimiter.
public struct MailboxPattern: MailboxOctets {
    /// The octets as sent.
    public var bytes: [UInt8]

    /// A pattern from its wire octets.
    public init(_ bytes: [UInt8]) { self.bytes = bytes }
}

/// Why a mailbox argument cannot be used.
public enum MailboxArgumentError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The octets are not valid UTF-8 (in UTF-8 mode).
    case invalidUTF8
    /// The octets are not valid modified UTF-7.
    case invalidModifiedUTF7(ModifiedUTF7Error)
    /// The decoded text is not an acceptable mailbox name.
    case invalidName(MailboxNameError)

    public var description: String {
        switch self {
        case .invalidUTF8: "the mailbox name is not valid UTF-8"
        case .invalidModifiedUTF7(let error): error.description
        case .invalidName(let error): error.description
        }
    }
}
