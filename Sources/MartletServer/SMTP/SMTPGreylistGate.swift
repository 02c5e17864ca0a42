import AbuseDefense
import Delivery
import DNSResolver
import Foundation
import Logging
import MailStore
import SMTPProtocol

/// Greylisting on port 25 (RFC 6647): a recipient the routing accepted, from an
/// unauthenticated client outside the trusted networks, is deferred with
/// `451 4.7.1 Greylisted, try again in N seconds` until its triplet's retry comes after the
/// delay. Unknown recipients are refused by the routing first and never greylisted.
struct SMTPGreylistGate: Sendable {
    let greylister: Greylister
    let trustedNetworks: [IPNetwork]
    let logger: Logger

    /// The gate of a configuration with greylisting enabled, else nil.
    static func make(configuration: ServerConfiguration, store: any GreylistStore, logger: Logger) -> SMTPGreylistGate? {
        let settings = configuration.greylisting
        guard settings.isEnabled else { return nil }
        let greylister = Greylister(policy: settings.policy, store: store) {
            Int64((Date().timeIntervalSince1970 * 1000).rounded())
        }
        return SMTPGreylistGate(greylister: greylister, trustedNetworks: configuration.senderAuthentication.trustedNetworks,
                                logger: logger)
    }

    /// `routed` as greylisting leaves it for the client of `connection`.
    func screen(_ routed: RecipientRouting.Routed, check: SMTPRecipientCheck,
                connection: AcceptedConnection) async -> RecipientRouting.Routed {
        guard case .accepted = routed.decision, check.authenticatedIdentity == nil, connection.service == .smtp,
              let client = SMTPClientAddress.untrusted(connection.remoteIP, trustedNetworks: trustedNetworks) else {
            return routed
        }
        let triplet = GreylistTriplet(client: client, sender: check.sender.address?.description ?? "",
                                      recipient: check.recipient.address?.description ?? "postmaster")
        let outcome = await greylister.check(triplet)
        if let error = outcome.storeError {
            logger.error("greylist unavailable; recipient let through", metadata: ["error": "\(error)"])
        }
        switch outcome.decision.verdict {
        case .pass:
            return routed
        case .deferred(let seconds):
            logger.info("greylisted", metadata: ["triplet": "\(triplet.key)", "retry_after": "\(seconds)"])
            return (.rejected(SMTPReply(451, SMTPEnhancedStatusCode(4, 7, 1), "Greylisted, try again in \(seconds) seconds")), nil)
        }
    }
}
