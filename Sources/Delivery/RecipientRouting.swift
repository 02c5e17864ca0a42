import Foundation
import MailCore
import MailStore
import SMTPProtocol

/// Where an accepted recipient's copy goes.
public enum RecipientRoute: Sendable, Hashable {
    /// Into these local accounts (an account, or what an alias or catch-all expands to).
    case local([LocalRecipient])
    /// To another server, through the outbound queue (authenticated submission only).
    case remote(EmailAddress)
    /// Forwarded by a local alias, or back along a valid SRS address: copies into the `local`
    /// accounts, and copies to the `remote` addresses through the outbound queue, whose
    /// envelope sender is rewritten with SRS at `forwarderDomain` (the domain of the
    /// address that was forwarded).
    case forwarded(local: [LocalRecipient], remote: [EmailAddress], forwarderDomain: String)
}

/// Decides RCPT TO: which local accounts an address reaches, and whether a client may send
/// to it at all (RFC 5321 §3.6 and §7.1: never an open relay).
public struct RecipientRouting: Sendable {
    /// The decision for one RCPT, and where the message goes when it is accepted.
    public typealias Routed = (decision: SMTPCheckDecision, route: RecipientRoute?)

    private let directory: any DirectoryStore
    private let senderRewriting: SenderRewritingScheme?
    private let clock: @Sendable () -> Date
    private let localDomains: LocalDomainSnapshot?
    private let cache: RecipientRouteCache?

    /// Routing with the accounts and aliases of `directory`. Without `senderRewriting`, an
    /// alias that forwards to another server is refused (the sender could not be rewritten,
    /// so SPF would fail at the destination) and SRS addresses are not reversed; `clock`
    /// dates the SRS expiry check. With `localDomains`, RCPTs that need no lookup are routed
    /// by ``routeWithoutLookup(_:usingCache:)``; with `cache`, so are local addresses looked
    /// up before, while the directory is unchanged.
    public init(directory: any DirectoryStore, senderRewriting: SenderRewritingScheme? = nil,
                clock: @escaping @Sendable () -> Date = { Date() }, localDomains: LocalDomainSnapshot? = nil,
                cache: RecipientRouteCache? = nil) {
        self.directory = directory
        self.senderRewriting = senderRewriting
        self.clock = clock
        self.localDomains = localDomains
        self.cache = cache
    }

    /// The decision for a RCPT that needs no store lookup, or nil when ``route(_:)`` must
    /// decide: an authenticated client's recipient at a domain that is, by a fresh
    /// ``LocalDomainSnapshot`` reading, not ours; and, `usingCache`, a local address whose
    /// accounts the cache holds for the current directory version.
    public func routeWithoutLookup(_ check: SMTPRecipientCheck, usingCache: Bool = true) -> Routed? {
        guard let address = check.recipient.address, !Self.looksRouted(address.localPart) else { return nil }
        if usingCache, let accounts = cachedAccounts(of: address, version: cacheVersion) {
            return (.accepted, .local(accounts))
        }
        guard check.authenticatedIdentity != nil, localDomains?.isRemote(address.domain) == true else { return nil }
        return (.accepted, .remote(address))
    }

    /// The directory version answers are cached under; nil when there is no cache or the
    /// store cannot tell.
    private var cacheVersion: UInt64? {
        cache == nil ? nil : directory.directoryVersion
    }

    private func cachedAccounts(of address: EmailAddress, version: UInt64?) -> [LocalRecipient]? {
        guard let cache, let version else { return nil }
        return cache.accounts(for: address.lookupKey, version: version)
    }

    /// The decision for one RCPT, and where the message goes for it when accepted.
    public func route(_ check: SMTPRecipientCheck) async -> Routed {
        guard let address = check.recipient.address else {
            // <Postmaster> without a domain (RFC 5321 §4.5.1) is the postmaster of the
            // server's domains: delivered like postmaster@ of the first local domain would be.
            return await routePostmaster()
        }
        // Only authenticated clients' RCPTs are routed from the snapshot: keep it fresh for them.
        if check.authenticatedIdentity != nil { await localDomains?.refresh(from: directory) }
        return await route(address, relayAllowed: check.authenticatedIdentity != nil, reversedAt: nil)
    }

    /// Routes `address`; `reversedAt` is the domain of the SRS address it was reversed from.
    private func route(_ address: EmailAddress, relayAllowed: Bool, reversedAt srsDomain: String?) async -> Routed {
        if Self.looksRouted(address.localPart) {
            return (.rejected(.routedLocalPartRefused), nil)
        }
        // Read before the lookup: an answer is kept under the version it may predate.
        let version = srsDomain == nil ? cacheVersion : nil
        if let accounts = cachedAccounts(of: address, version: version) { return (.accepted, .local(accounts)) }
        let resolution: RecipientResolution
        do {
            resolution = try await directory.resolveRecipient(address)
        } catch {
            return (.rejected(.storeUnavailable), nil)
        }
        if resolution != .nonLocalDomain, let scheme = senderRewriting,
           SenderRewritingScheme.looksRewritten(address.localPart) {
            return await reverse(address, with: scheme, reversedAt: srsDomain)
        }
        switch resolution {
        case .unknownUser:
            return (.rejected(.unknownMailbox), nil)
        case .nonLocalDomain:
            // A bounce to one of our SRS addresses goes back to the original sender.
            if let srsDomain { return (.accepted, .forwarded(local: [], remote: [address], forwarderDomain: srsDomain)) }
            // Relaying is for authenticated users only (submission); mail to other servers
            // goes through the outbound queue.
            guard relayAllowed else { return (.rejected(.relayingDenied), nil) }
            return (.accepted, .remote(address))
        case .local(let recipients):
            let (routed, unlimited) = await routeLocal(recipients, forwarderDomain: srsDomain ?? address.domain)
            if unlimited, let version, case .accepted = routed.decision, case .local(let accounts) = routed.route {
                cache?.keep(accounts, for: address.lookupKey, version: version)
            }
            return routed
        }
    }

    /// Reverses an SRS address of a local domain (refused with 550 5.1.1 when forged, expired
    /// or malformed) and routes the address it encodes. An SRS1 address whose first forwarder
    /// is also ours is reversed twice; no further.
    private func reverse(_ address: EmailAddress, with scheme: SenderRewritingScheme, reversedAt srsDomain: String?) async -> Routed {
        let original: EmailAddress
        do {
            original = try scheme.reverse(address, now: clock())
        } catch {
            return (.rejected(.invalidSRSAddress(error)), nil)
        }
        if srsDomain != nil, SenderRewritingScheme.looksRewritten(original.localPart) {
            return (.rejected(.invalidSRSAddress(.malformed("it reverses to another SRS address"))), nil)
        }
        return await route(original, relayAllowed: false, reversedAt: srsDomain ?? address.domain)
    }

    /// An address of ours: its accounts, and its remote targets when forwarding is possible;
    /// `unlimited` when none of the accounts has a quota limit.
    private func routeLocal(_ recipients: ResolvedRecipients, forwarderDomain: String) async -> (Routed, unlimited: Bool) {
        // Forwarding to another server needs the sender rewritten (SRS) first.
        if !recipients.remoteAddresses.isEmpty && senderRewriting == nil {
            return ((.rejected(.forwardingUnavailable), nil), false)
        }
        // A full account refuses more mail for now (RFC 3463 4.2.2): the sender's server
        // tries again later, and the user can make room meanwhile. An alias reaching a
        // full account is refused as a whole rather than delivered to only some.
        var unlimited = true
        do {
            for recipient in recipients.accounts {
                let quota = try await directory.quota(of: recipient.account)
                if quota.isFull { return ((.rejected(.mailboxFull), nil), false) }
                unlimited = unlimited && quota.storageLimit == nil && quota.messageLimit == nil
            }
        } catch {
            return ((.rejected(.storeUnavailable), nil), false)
        }
        if recipients.remoteAddresses.isEmpty { return ((.accepted, .local(recipients.accounts)), unlimited) }
        return ((.accepted, .forwarded(local: recipients.accounts, remote: recipients.remoteAddresses,
                                       forwarderDomain: forwarderDomain)), false)
    }

    private func routePostmaster() async -> Routed {
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
