import Logging
import MailCore

/// Everything `martlet serve` and `martlet dev` need to run, as one value.
///
/// Built by ``ServerConfiguration/load(file:)`` from the TOML file of DESIGN.md, or by
/// ``ServerConfiguration/development(dataDirectory:portBase:hostname:)`` for `martlet dev`.
public struct ServerConfiguration: Sendable, Equatable {
    /// The name used in EHLO, greetings and `Received:` headers.
    public var hostname: String
    /// Absolute path of the data folder (store, blobs, self-signed certificate).
    public var dataDirectory: String
    /// The addresses each protocol listens on; an empty list means the protocol is off.
    public var listeners: Listeners
    /// Where the TLS certificate comes from.
    public var tls: TLSSource
    /// DNS servers to query; `nil` means those of `/etc/resolv.conf`.
    public var dnsNameservers: [NetworkAddress]?
    /// How the outbound queue delivers: the remote port (25; tests point it elsewhere),
    /// retries, connection limits, TLS policy.
    public var outbound: OutboundSettings
    /// Which store backend holds the mail.
    public var store: StoreBackend
    /// When LOGIN, PLAIN, USER/PASS may be used without TLS.
    public var plaintextAuthentication: PlaintextAuthenticationPolicy
    /// Whether POP3 offers APOP (RFC 1939 §7) to accounts that have an APOP secret
    /// (`[auth] apop`; off by default).
    public var offersAPOP = false
    /// Whether IMAP offers COMPRESS=DEFLATE (RFC 4978) after login, on ports 143 and 993
    /// (`[imap] compress`; on by default).
    public var offersIMAPCompression = true
    /// Every protocol limit.
    public var limits: Limits
    /// SPF, DKIM, ARC and DMARC checks of inbound mail; DKIM signing of submitted mail.
    public var senderAuthentication = SenderAuthenticationSettings()
    /// Connection, message, recipient and AUTH rate limits (`[rate_limits]`).
    public var rateLimits = RateLimitSettings()
    /// Banning addresses after repeated failures (`[bans]`).
    public var bans = BanSettings()
    /// DNS block lists checked when a client connects to port 25 (`[dnsbl]`).
    public var blockLists = BlockListSettings()
    /// Greylisting of mail from other servers (`[greylisting]`, off by default).
    public var greylisting = GreylistingSettings()
    /// Virus scanning through clamd (`[antivirus]`, off by default).
    public var antivirus = AntivirusSettings()
    /// The spam filter (`[spam]`).
    public var spamFilter = SpamFilterSettings()
    /// The least severe log level written.
    public var logLevel: Logger.Level

    /// Creates a configuration; optional parts take their defaults.
    public init(
        hostname: String,
        dataDirectory: String,
        listeners: Listeners = Listeners(),
        tls: TLSSource = .selfSigned,
        dnsNameservers: [NetworkAddress]? = nil,
        outbound: OutboundSettings = OutboundSettings(),
        store: StoreBackend = .sqlite,
        plaintextAuthentication: PlaintextAuthenticationPolicy = .refuse,
        limits: Limits = Limits(),
        logLevel: Logger.Level = .info
    ) {
        self.hostname = hostname
        self.dataDirectory = dataDirectory
        self.listeners = listeners
        self.tls = tls
        self.dnsNameservers = dnsNameservers
        self.outbound = outbound
        self.store = store
        self.plaintextAuthentication = plaintextAuthentication
        self.limits = limits
        self.logLevel = logLevel
    }
}

extension ServerConfiguration {
    /// The listening addresses of each service (the `[listen]` table).
    public struct Listeners: Sendable, Equatable {
        /// SMTP relay from other servers (port 25).
        public var smtp: [NetworkAddress]
        /// Message submission with STARTTLS (port 587, RFC 6409).
        public var submission: [NetworkAddress]
        /// Message submission over implicit TLS (port 465, RFC 8314).
        public var submissions: [NetworkAddress]
        /// IMAP with STARTTLS (port 143).
        public var imap: [NetworkAddress]
        /// IMAP over implicit TLS (port 993).
        public var imaps: [NetworkAddress]
        /// POP3 with STLS (port 110).
        public var pop3: [NetworkAddress]
        /// POP3 over implicit TLS (port 995).
        public var pop3s: [NetworkAddress]

        /// Creates listeners; every service is off unless given addresses.
        public init(
            smtp: [NetworkAddress] = [], submission: [NetworkAddress] = [], submissions: [NetworkAddress] = [],
            imap: [NetworkAddress] = [], imaps: [NetworkAddress] = [], pop3: [NetworkAddress] = [],
            pop3s: [NetworkAddress] = []
        ) {
            self.smtp = smtp
            self.submission = submission
            self.submissions = submissions
            self.imap = imap
            self.imaps = imaps
            self.pop3 = pop3
            self.pop3s = pop3s
        }

        /// The services and their addresses, in a fixed order (for logging and binding).
        public var all: [(service: ListenerService, addresses: [NetworkAddress])] {
            ListenerService.allCases.map { ($0, self[$0]) }
        }

        /// The addresses of `service`.
        public subscript(service: ListenerService) -> [NetworkAddress] {
            get {
                switch service {
                case .smtp: smtp
                case .submission: submission
                case .submissions: submissions
                case .imap: imap
                case .imaps: imaps
                case .pop3: pop3
                case .pop3s: pop3s
                }
            }
            set {
                switch service {
                case .smtp: smtp = newValue
                case .submission: submission = newValue
                case .submissions: submissions = newValue
                case .imap: imap = newValue
                case .imaps: imaps = newValue
                case .pop3: pop3 = newValue
                case .pop3s: pop3s = newValue
                }
            }
        }
    }

    /// Where the server's certificate and key come from (the `[tls]` table).
    public enum TLSSource: Sendable, Equatable {
        /// A certificate generated in-process and kept in `<data>/tls/`.
        case selfSigned
        /// PEM files given by the operator (absolute paths).
        case files(certificate: String, key: String)
    }

    /// The store implementation (the `[store]` table).
    public enum StoreBackend: Sendable, Equatable {
        /// SQLite and blob files in the data folder.
        case sqlite
        /// PostgreSQL (or a PostgreSQL-wire database) at this `postgres://` URL.
        case postgres(url: String)
    }

    /// When cleartext password mechanisms are allowed on a connection without TLS
    /// (DESIGN.md rule 4). With TLS they are always allowed.
    public enum PlaintextAuthenticationPolicy: String, Sendable, Equatable, CaseIterable {
        /// Never without TLS (the default, and the only sane choice on a public network).
        case refuse
        /// Without TLS only when the client connects over loopback (what `martlet dev` uses).
        case loopback
        /// Always: an explicit, insecure operator choice.
        case allow
    }
}

/// A service the server can listen for, named as in the `[listen]` table.
public enum ListenerService: String, Sendable, CaseIterable, Equatable {
    case smtp, submission, submissions, imap, imaps, pop3, pop3s

    /// The IANA port of the service.
    public var standardPort: Int {
        switch self {
        case .smtp: 25
        case .submission: 587
        case .submissions: 465
        case .imap: 143
        case .imaps: 993
        case .pop3: 110
        case .pop3s: 995
        }
    }

    /// Whether TLS starts at once on connect (rather than by STARTTLS/STLS).
    public var usesImplicitTLS: Bool {
        switch self {
        case .submissions, .imaps, .pop3s: true
        case .smtp, .submission, .imap, .pop3: false
        }
    }
}
