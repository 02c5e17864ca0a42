/// A login running through a SASL mechanism: an AUTH exchange (RFC 5034 §4), or USER/PASS,
/// whose password is checked by the PLAIN mechanism.
struct POP3AuthenticationExchange: Sendable {
    enum Kind: Sendable, Equatable {
        /// USER/PASS: one message, no challenges.
        case password
        /// AUTH: challenges as `+ ` lines, responses as base64 lines.
        case sasl
    }

    var exchange: SASLLineExchange
    var kind: Kind
}
