import SASL

/// Everything a POP3 session is configured with; one value per listener, shared by its
/// sessions.
public struct POP3ServerConfiguration: Sendable {
    /// The server's name, in the greeting.
    public var hostname: String
    /// The SASL mechanisms offered by AUTH. Give every session of a server the same registry
    /// (its decoy-salt key must stay stable, or SCRAM would reveal which users exist).
    /// USER/PASS checks passwords with PLAIN whether or not the registry offers it.
    public var mechanisms: SASLMechanismRegistry
    /// Whether STLS is offered (port 110). Ignored once TLS is active.
    public var offersSTLS: Bool
    /// Whether USER/PASS and mechanisms that send the password in the clear may be used
    /// without TLS: only on loopback in `martlet dev`, or by an explicit insecure option
    /// (DESIGN.md rule 4).
    public var allowsPlaintextAuthentication: Bool
    /// Whether USER/PASS is offered at all.
    public var offersUserCommand: Bool
    /// Whether APOP is offered (RFC 1939 §7). It needs each user's secret stored reversibly,
    /// so it is off by default; it also needs a greeting timestamp.
    public var offersAPOP: Bool
    /// The EXPIRE capability (RFC 2449 §6.7); `nil` to leave it out.
    public var expirePolicy: POP3ExpirePolicy?
    /// Whether the expire policy may differ by user (announced with `USER` before login;
    /// the maildrop then tells the user's own).
    public var expirePolicyVariesByUser: Bool
    /// The LOGIN-DELAY capability in seconds (RFC 2449 §6.5); `nil` to leave it out. The glue
    /// enforces it: it answers the maildrop request with ``POP3MaildropOutcome/loginDelay``.
    public var loginDelaySeconds: Int?
    /// Whether the login delay may differ by user (announced with `USER` before login).
    public var loginDelayVariesByUser: Bool
    /// The IMPLEMENTATION capability (RFC 2449 §6.9); `nil` to leave it out.
    public var implementation: String?
    /// Line lengths, bad commands, authentication failures, commands before login.
    public var limits: POP3Limits

    /// Creates a configuration.
    public init(
        hostname: String, mechanisms: SASLMechanismRegistry, offersSTLS: Bool = true,
        allowsPlaintextAuthentication: Bool = false, offersUserCommand: Bool = true, offersAPOP: Bool = false,
        expirePolicy: POP3ExpirePolicy? = .never, expirePolicyVariesByUser: Bool = false,
        loginDelaySeconds: Int? = nil, loginDelayVariesByUser: Bool = false,
        implementation: String? = "Martlet", limits: POP3Limits = .defaults
    ) {
        self.hostname = hostname
        self.mechanisms = mechanisms
        self.offersSTLS = offersSTLS
        self.allowsPlaintextAuthentication = allowsPlaintextAuthentication
        self.offersUserCommand = offersUserCommand
        self.offersAPOP = offersAPOP
        self.expirePolicy = expirePolicy
        self.expirePolicyVariesByUser = expirePolicyVariesByUser
        self.loginDelaySeconds = loginDelaySeconds
        self.loginDelayVariesByUser = loginDelayVariesByUser
        self.implementation = implementation
        self.limits = limits
    }
}
