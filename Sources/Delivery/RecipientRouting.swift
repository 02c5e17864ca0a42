import MailCore
import MailStore
import SMTPProtocol

/// Where an accepted recipient's copy goes.
public enum RecipientRoute: Sendable, Hashable {
    /// Into these local accounts (an account, or what an alias or catch-all expands to).
    case local([LocalRecipient])
    /// To another server, through the outbound queue (authenticated submission only).
    case remote(EmailAddress)
}

/// Decides RCPT TO: which local accounts an address reaches, and whether a client may send
/// to it at all (RFC 5321 §3.6 and §7.1: never an open relay).
public struct RecipientRouting: Sendable {
    private let directory: any DirectoryStore

    public init(directory: any DirectoryStore) {
        self.directory = directory
    }

    /// The decision for one RCPT, and where the message goes for it when accepted.
    public func route(_ check: SMTPRecipientCheck) async -> (decision: SMTPCheckDecision, route: RecipientRoute?) {
        guard let address = check.recipient.address else {
            // <Postmaster> without a domain (RFC 5321 §4.5.1) is the postmaster of the
            // server's domains: delivered like postmaster@ of the first local domain would be.
            return await routePostmaster()
        }
        if Self.looksRouted(address.localPart) {
            return (.rejected(.routedLocalPartRefused), nil)
        }
        let resolution: RecipientResolution
        do {
            resolution = try await directory.resolveRecipient(address)
        } catch {
            return (.rejected(.storeUnavailable), nil)
        }
        switch resolution {
        case .unknownUser:
            return (.rejected(.unknownMailbox), nil)
        case .nonLocalDomain:
            // Relaying is for authenticated users only (submission); mail to other servers
            // goes through the outbound queue.
            guard check.authenticatedIdentity != nil else { return (.rejected(.relayingDenied), nil) }
            return (.accepted, .remote(address))
        case .local(let recipients):
            // Forwarding to another server needs the sender rewritten (SRS) first.
            if !recipients.remoteAddresses.isEmpty { return (.rejected(.forwardingUnavailable), nil) }
            // A full account refuses more mail for now (RFC 3463 4.2.2): the sender's server
            // tries again later, and the user can make room meanwhile. An alias reaching a
            // full account is refused as a whole rather than delivered to only some.
            do {
                for recipient in recipients.accounts where try await directory.quota(of: recipient.account).isFull {
                    return (.rejected(.mailboxFull), nil)
                }
            } catch {
                return (.rejected(.storeUnavailable), nil)
            }
            return (.accepted, .local(recipients.accounts))
        }
    }

    private func routePostmaster() async -> (decision: SMTPCheckDecision, route: RecipientRoute?) {
        do {
            for domain in try await directory.domains() {
                let address = try EmailAddress(localPart: "postmaster", domain: domain.name)
                if case .local(let recipients) = try await directory.resolveRecipient(address),
                   recipients.remoteAddresses.isEmpty, !recipients.accounts.isEmpty {
                    return (.accepted, .local(recipients.accounts))
                }
            }
        } catch {
            return (.rejected(.storeUnavailable), nil)
        }
        return (.rejected(.unknownMailbox), nil)
    }

    /// A local part that an MTA somewhere reads as a route to another host: the "percent
    /// hack" `user%remote`, UUCP bang paths `remote!user`, and a quoted `"user@remote"`.
    /// RFC 5321 §3.6.1 lets a server refuse such source routing; we always do.
    static func looksRouted(_ localPart: String) -> Bool {
        localPart.contains { $0 == "%" || $0 == "!" || $0 == "@" }
    }
}
