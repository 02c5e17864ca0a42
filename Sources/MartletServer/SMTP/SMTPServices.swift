import Delivery
import Logging
import MailCore
import MailStore
import NIOCore
import NIOSSL
import SASL
import SMTPProtocol

/// What every SMTP connection of one listener shares: its session configuration, the store
/// and the delivery policy, the TLS context for STARTTLS, and the greeting delay.
struct SMTPServices: Sendable {
    var configuration: SMTPServerConfiguration
    let store: any MailStore
    let routing: RecipientRouting
    let ownership: SenderOwnership
    let delivery: LocalDelivery
    let tlsContext: NIOSSLContext
    /// How long the server waits before its greeting on this listener: a client that talks
    /// first is a bot that does not wait for the banner (RFC 5321 §4.3.1: the client must).
    var greetingDelay: TimeAmount
    let idleTimeout: TimeAmount
    let logger: Logger
    /// DNS block lists asked about port-25 clients before the greeting, when configured.
    var blockLists: SMTPBlockListGate? = nil
    /// Greylisting of port-25 recipients, when enabled.
    var greylisting: SMTPGreylistGate? = nil

    /// The SCRAM credential of a login name, or nil when there is no such account.
    func credential(of username: String) async -> SCRAMCredential? {
        await store.scramCredential(ofLogin: username)
    }
}
