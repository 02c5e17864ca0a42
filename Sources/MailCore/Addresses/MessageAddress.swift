/// One mailbox in an address field (RFC 5322 §3.4), in the shape IMAP ENVELOPE needs:
/// personal name, source route, local part, host.
public struct MessageAddress: Sendable, Hashable {
    /// The display name as written: quotes and escapes removed, runs of whitespace made one
    /// space, RFC 2047 encoded words left as they are (IMAP sends it so). For the old form
    /// `user@host (Real Name)` it is the comment. Nil when there is none.
    public var rawDisplayName: String?
    /// The domains of an obsolete source route `<@a,@b:user@host>` (§4.4), in order.
    public var route: [String]
    /// The local part without quoting, e.g. `john smith` for `"john smith"@example.org`.
    public var localPart: String
    /// The domain as written (CFWS around dots removed), or nil when it is missing.
    public var domain: String?

    public init(rawDisplayName: String? = nil, route: [String] = [], localPart: String, domain: String?) {
        self.rawDisplayName = rawDisplayName
        self.route = route
        self.localPart = localPart
        self.domain = domain
    }

    /// The display name with RFC 2047 encoded words decoded.
    public var displayName: String? {
        rawDisplayName.map(EncodedWordDecoder.decode)
    }

    /// The address as a checked `EmailAddress`, or nil when it is not valid (no domain, say).
    public var emailAddress: EmailAddress? {
        guard let domain else { return nil }
        return try? EmailAddress(localPart: localPart, domain: domain)
    }

    /// `local@domain` as written in a header, the local part quoted if needed.
    public var addressText: String {
        let local = localPart.isEmpty || Self.isDotAtom(localPart) ? localPart : EmailAddress.quoted(localPart)
        guard let domain else { return local }
        return local + "@" + domain
    }

    /// `EmailAddress.isDotAtom` on UTF-8 bytes (the same rule, without walking scalars).
    static func isDotAtom(_ text: String) -> Bool {
        var previousWasDot = true
        for byte in text.utf8 {
            if byte == ASCII.period {
                if previousWasDot { return false }
                previousWasDot = true
            } else {
                guard ASCII.isAtomCharacter(byte) else { return false }
                previousWasDot = false
            }
        }
        return !previousWasDot
    }

    /// The source route as IMAP's `adl`: `@a,@b`, or nil when there is no route.
    public var routeText: String? {
        route.isEmpty ? nil : route.map { "@" + $0 }.joined(separator: ",")
    }
}

/// A named group of mailboxes (`Friends: a@x, b@y;`, RFC 5322 §3.4), possibly empty
/// (`undisclosed-recipients:;`).
public struct AddressGroup: Sendable, Hashable {
    /// The group name as written (see `MessageAddress.rawDisplayName`).
    public var rawDisplayName: String
    public var members: [MessageAddress]

    public init(rawDisplayName: String, members: [MessageAddress]) {
        self.rawDisplayName = rawDisplayName
        self.members = members
    }

    /// The group name with RFC 2047 encoded words decoded.
    public var displayName: String { EncodedWordDecoder.decode(rawDisplayName) }
}

/// One entry of an address list: a mailbox or a group.
public enum AddressListEntry: Sendable, Hashable {
    case mailbox(MessageAddress)
    case group(AddressGroup)

    /// The mailboxes of this entry (a group's members).
    public var mailboxes: [MessageAddress] {
        switch self {
        case .mailbox(let mailbox): [mailbox]
        case .group(let group): group.members
        }
    }
}
