/// The IMAP ENVELOPE of a message (RFC 9051 §7.5.2): the raw header values as IMAP sends
/// them. Strings are unfolded and trimmed, encoded words left as they are; nil is NIL.
/// An empty address list is sent as NIL.
public struct Envelope: Sendable, Hashable {
    public var date: String?
    public var subject: String?
    public var from: [EnvelopeAddress]
    /// Sender; the From list when the field is absent or empty (RFC 9051 §7.5.2).
    public var sender: [EnvelopeAddress]
    /// Reply-To; the From list when the field is absent or empty.
    public var replyTo: [EnvelopeAddress]
    public var to: [EnvelopeAddress]
    public var cc: [EnvelopeAddress]
    public var bcc: [EnvelopeAddress]
    public var inReplyTo: String?
    public var messageID: String?

    public init(date: String? = nil, subject: String? = nil, from: [EnvelopeAddress] = [], sender: [EnvelopeAddress] = [],
                replyTo: [EnvelopeAddress] = [], to: [EnvelopeAddress] = [], cc: [EnvelopeAddress] = [],
                bcc: [EnvelopeAddress] = [], inReplyTo: String? = nil, messageID: String? = nil) {
        self.date = date
        self.subject = subject
        self.from = from
        self.sender = sender
        self.replyTo = replyTo
        self.to = to
        self.cc = cc
        self.bcc = bcc
        self.inReplyTo = inReplyTo
        self.messageID = messageID
    }
}

/// One element of an ENVELOPE address list: `(name adl mailbox host)`.
/// A group is a start marker (mailbox = group name, host = nil), its members, and an end
/// marker (all nil), as RFC 9051 §7.5.2 describes.
public struct EnvelopeAddress: Sendable, Hashable {
    /// `addr-name`: the display name as written (encoded words kept).
    public var name: String?
    /// `addr-adl`: the source route, e.g. `@a.example,@b.example`.
    public var route: String?
    /// `addr-mailbox`: the local part (or the group name in a start marker).
    public var mailbox: String?
    /// `addr-host`: the domain; nil only in group markers.
    public var host: String?

    public init(name: String? = nil, route: String? = nil, mailbox: String? = nil, host: String? = nil) {
        self.name = name
        self.route = route
        self.mailbox = mailbox
        self.host = host
    }

    /// Stands in for a missing local part (as Dovecot does), so host stays non-NIL.
    public static let missingMailbox = "MISSING_MAILBOX"
    /// Stands in for a missing domain (as Dovecot does): a NIL host would mean a group marker.
    public static let missingDomain = "MISSING_DOMAIN"

    /// Whether this is the start of a group.
    public var isGroupStart: Bool { host == nil && mailbox != nil }
    /// Whether this is the end of a group.
    public var isGroupEnd: Bool { host == nil && mailbox == nil }
}
