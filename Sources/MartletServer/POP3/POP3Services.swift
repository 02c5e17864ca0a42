import Foundation
import Logging
import MailCore
import MailStore
import NIOCore
import NIOSSL
import POP3Protocol
import SASL

/// What every POP3 connection of the server shares: the session configuration, the store,
/// the maildrop locks, the TLS context for STLS and the idle timeout.
struct POP3Services: Sendable {
    var configuration: POP3ServerConfiguration
    let store: any MailStore
    let locks: MaildropLocks
    let tlsContext: NIOSSLContext
    let idleTimeout: TimeAmount
    /// The server's limits (greeting timeout, tarpit).
    let limits: Limits
    let logger: Logger

    /// The SCRAM credential of a login name, or nil when there is no such account.
    func credential(of username: String) async -> SCRAMCredential? {
        await store.scramCredential(ofLogin: username)
    }

    /// The APOP secret of a login name, or nil when APOP is off, or the account has none.
    func apopSecret(of username: String) async -> String? {
        guard configuration.offersAPOP, let address = try? EmailAddress(parsing: username) else { return nil }
        return (try? await store.apopSecret(of: address)) ?? nil
    }

    /// A greeting timestamp for APOP (RFC 1939 §7), different for every greeting; nil when
    /// APOP is off.
    func greetingTimestamp() -> String? {
        guard configuration.offersAPOP else { return nil }
        let host = configuration.hostname.filter { $0.isASCII && !$0.isWhitespace && $0 != ">" && $0 != "<" }
        return "<\(ProcessInfo.processInfo.processIdentifier).\(UInt64.random(in: 0 ... .max))@\(host)>"
    }

    /// The lock key of a login name: the address's lookup key, so that `Alice@Example.org`
    /// and `alice@example.org` share one lock.
    static func lockKey(of username: String) -> String {
        (try? EmailAddress(parsing: username))?.lookupKey ?? username.lowercased()
    }

    /// A snapshot of the user's INBOX as a maildrop. UIDL values are `UIDVALIDITY.UID`: they
    /// never repeat, because a UID is never reused within a UIDVALIDITY (RFC 9051 §2.3.1.1).
    func openMaildrop(of username: String) async -> (POP3MaildropOutcome, OpenedMaildrop?) {
        do {
            guard let address = try? EmailAddress(parsing: username),
                  let account = try await store.account(for: address) else { return (.permanentFailure, nil) }
            let inbox = try await store.mailbox(named: .inbox, of: account.id)
            let snapshot = try await store.snapshot(of: inbox.id)
            let messages = snapshot.messages.map { message in
                POP3MaildropMessage(uid: message.uid.rawValue, size: message.size,
                                    uniqueID: "\(snapshot.uidValidity.rawValue).\(message.uid.rawValue)")
            }
            let opened = OpenedMaildrop(account: account.id, inbox: inbox.id,
                                        messages: snapshot.messages.map { ($0.uid.rawValue, $0.size) })
            return (.opened(POP3Maildrop(messages: messages)), opened)
        } catch {
            logger.warning("pop3 maildrop could not be opened", metadata: ["user": "\(username)", "error": "\(error)"])
            return (.temporaryFailure, nil)
        }
    }
}

/// A maildrop a POP3 session opened: whose it is, its INBOX, and its messages in order.
struct OpenedMaildrop: Sendable {
    let account: AccountID
    let inbox: MailboxID
    let messages: [(uid: UInt32, size: Int)]
}
