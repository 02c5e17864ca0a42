/// The server mechanisms on offer, by name, in order of preference.
///
/// The registry only says what exists and whether a mechanism sends the password in the
/// clear; which ones a connection may use (for example, none of the cleartext ones before
/// TLS) is the protocol's decision.
public struct SASLMechanismRegistry: Sendable {
    /// One registered mechanism.
    public struct Entry: Sendable {
        /// The mechanism name, upper case as registered with IANA.
        public let name: String
        /// Whether the client sends the password itself (PLAIN, LOGIN): such mechanisms must
        /// only run over TLS.
        public let sendsPasswordInClear: Bool
        /// Makes a fresh exchange.
        public let makeMechanism: @Sendable (SASLServerContext) -> any SASLServerMechanism

        /// Describes a mechanism.
        public init(
            name: String, sendsPasswordInClear: Bool,
            makeMechanism: @escaping @Sendable (SASLServerContext) -> any SASLServerMechanism
        ) {
            self.name = name.uppercased()
            self.sendsPasswordInClear = sendsPasswordInClear
            self.makeMechanism = makeMechanism
        }
    }

    /// The registered mechanisms, most preferred first.
    public private(set) var entries: [Entry]
    /// The context every new exchange receives.
    public var context: SASLServerContext

    /// Creates a registry with the given mechanisms.
    public init(context: SASLServerContext, entries: [Entry]) {
        self.context = context
        self.entries = []
        for entry in entries { register(entry) }
    }

    /// SCRAM-SHA-256, PLAIN and LOGIN, in that order.
    public static func standard(context: SASLServerContext = .system()) -> SASLMechanismRegistry {
        SASLMechanismRegistry(context: context, entries: [.scramSHA256, .plain, .login])
    }

    /// The mechanism names, most preferred first.
    public var mechanismNames: [String] { entries.map(\.name) }

    /// Adds a mechanism, replacing one of the same name.
    public mutating func register(_ entry: Entry) {
        if let index = entries.firstIndex(where: { $0.name == entry.name }) {
            entries[index] = entry
        } else {
            entries.append(entry)
        }
    }

    /// The entry for `name` (case-insensitive), or `nil` if it is not offered.
    public func entry(named name: String) -> Entry? {
        let wanted = name.uppercased()
        return entries.first { $0.name == wanted }
    }

    /// A fresh exchange of the mechanism `name` (case-insensitive), or `nil` if not offered.
    public func makeServerMechanism(named name: String) -> (any SASLServerMechanism)? {
        entry(named: name)?.makeMechanism(context)
    }
}

extension SASLMechanismRegistry.Entry {
    /// SCRAM-SHA-256 (RFC 7677).
    public static let scramSHA256 = Self(name: "SCRAM-SHA-256", sendsPasswordInClear: false) { context in
        SCRAMSHA256ServerMechanism(
            serverNonce: context.makeNonce(), unknownUserSaltKey: context.unknownUserSaltKey,
            limits: context.limits)
    }

    /// PLAIN (RFC 4616).
    public static let plain = Self(name: "PLAIN", sendsPasswordInClear: true) { context in
        PlainServerMechanism(limits: context.limits, verificationCache: context.verificationCache)
    }

    /// LOGIN (draft-murchison-sasl-login).
    public static let login = Self(name: "LOGIN", sendsPasswordInClear: true) { context in
        LoginServerMechanism(limits: context.limits, verificationCache: context.verificationCache)
    }
}
