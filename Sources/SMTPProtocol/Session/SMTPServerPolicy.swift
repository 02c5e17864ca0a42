/// Which listener a session serves (DESIGN.md, issue 4).
public enum SMTPListenerKind: String, Sendable, Hashable {
    /// Port 25: mail from other servers. AUTH only if configured.
    case mx
    /// Port 587 (RFC 6409): STARTTLS, then AUTH, then mail.
    case submission
    /// Port 465 (RFC 8314): implicit TLS, then AUTH, then mail.
    case submissions
}

/// Whether a listener offers AUTH, and whether it demands it before MAIL.
public enum SMTPAuthenticationRequirement: Sendable, Hashable {
    /// AUTH is neither advertised nor accepted.
    case notOffered
    /// AUTH is advertised (where TLS allows) but mail is accepted without it.
    case offered
    /// MAIL, RCPT, DATA, BDAT, VRFY and EXPN are refused with 530 until AUTH succeeds
    /// (RFC 4954 §6).
    case required
}

/// The ESMTP extensions a listener may choose to offer. ENHANCEDSTATUSCODES and SIZE are
/// always offered; STARTTLS and AUTH follow from the TLS and authentication settings.
public struct SMTPOptionalExtensions: OptionSet, Sendable, Hashable {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }

    /// PIPELINING (RFC 2920).
    public static let pipelining = SMTPOptionalExtensions(rawValue: 1 << 0)
    /// 8BITMIME (RFC 6152).
    public static let eightBitMIME = SMTPOptionalExtensions(rawValue: 1 << 1)
    /// SMTPUTF8 (RFC 6531).
    public static let smtpUTF8 = SMTPOptionalExtensions(rawValue: 1 << 2)
    /// CHUNKING: the BDAT command (RFC 3030).
    public static let chunking = SMTPOptionalExtensions(rawValue: 1 << 3)
    /// BINARYMIME (RFC 3030 §3); offered only together with CHUNKING.
    public static let binaryMIME = SMTPOptionalExtensions(rawValue: 1 << 4)
    /// DSN (RFC 3461): NOTIFY, ORCPT, RET and ENVID.
    public static let deliveryStatusNotifications = SMTPOptionalExtensions(rawValue: 1 << 5)

    /// Everything but BINARYMIME, whose binary content the outbound side would have to
    /// convert for servers without it.
    public static let standard: SMTPOptionalExtensions = [
        .pipelining, .eightBitMIME, .smtpUTF8, .chunking, .deliveryStatusNotifications,
    ]
}

/// How a listener treats its clients: TLS, authentication, offered extensions and content rules.
public struct SMTPServerPolicy: Sendable, Hashable {
    /// The listener this policy belongs to (carried into envelopes).
    public var listenerKind: SMTPListenerKind
    /// Whether AUTH is offered or required.
    public var authentication: SMTPAuthenticationRequirement
    /// Whether STARTTLS is offered (a certificate is configured and TLS is not implicit).
    public var offersSTARTTLS: Bool
    /// Whether every command but EHLO, HELO, STARTTLS, NOOP, RSET, HELP and QUIT is refused
    /// with 530 until TLS is active (RFC 3207 §4).
    public var requiresTLS: Bool
    /// Whether AUTH may run without TLS. Off by default: no password crosses the wire in the
    /// clear (DESIGN.md rule 4); `martlet dev` sets it on loopback.
    public var allowsAuthenticationWithoutTLS: Bool
    /// Whether DATA holding a bare CR or LF is refused with 550 5.5.2 (like Postfix's
    /// `smtpd_forbid_bare_newline`); when off, such content is accepted as received.
    public var refusesBareLineEndings: Bool
    /// The optional extensions offered.
    public var extensions: SMTPOptionalExtensions

    /// Creates a policy.
    public init(
        listenerKind: SMTPListenerKind, authentication: SMTPAuthenticationRequirement, offersSTARTTLS: Bool,
        requiresTLS: Bool, allowsAuthenticationWithoutTLS: Bool = false, refusesBareLineEndings: Bool = true,
        extensions: SMTPOptionalExtensions = .standard
    ) {
        self.listenerKind = listenerKind
        self.authentication = authentication
        self.offersSTARTTLS = offersSTARTTLS
        self.requiresTLS = requiresTLS
        self.allowsAuthenticationWithoutTLS = allowsAuthenticationWithoutTLS
        self.refusesBareLineEndings = refusesBareLineEndings
        self.extensions = extensions
    }

    /// Port 25: STARTTLS offered but optional (RFC 3207 §4: a publicly-referenced server must
    /// not require it), AUTH not offered unless asked for.
    public static func mx(
        offersSTARTTLS: Bool = true, authentication: SMTPAuthenticationRequirement = .notOffered
    ) -> SMTPServerPolicy {
        SMTPServerPolicy(
            listenerKind: .mx, authentication: authentication, offersSTARTTLS: offersSTARTTLS, requiresTLS: false)
    }

    /// Port 587: STARTTLS required before anything else, AUTH required before MAIL.
    public static func submission(allowsAuthenticationWithoutTLS: Bool = false) -> SMTPServerPolicy {
        SMTPServerPolicy(
            listenerKind: .submission, authentication: .required, offersSTARTTLS: true,
            requiresTLS: !allowsAuthenticationWithoutTLS,
            allowsAuthenticationWithoutTLS: allowsAuthenticationWithoutTLS)
    }

    /// Port 465: TLS is implicit (the session is created with its TLS details), AUTH required.
    public static func submissions() -> SMTPServerPolicy {
        SMTPServerPolicy(listenerKind: .submissions, authentication: .required, offersSTARTTLS: false, requiresTLS: true)
    }
}
