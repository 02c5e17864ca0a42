import AbuseDefense
import DNSResolver
import Foundation
import Logging
import NIOCore
import SMTPProtocol

/// DNS block lists on port 25: each client is looked up while it waits for the greeting (the
/// greeting delay hides the lookups' time), and a listed client's MAIL FROM is refused with
/// 550 5.7.1 naming the list — after the greeting rather than instead of it, so the client
/// can still say QUIT (RFC 5321 §3.1 would make a 554 greeting wait for it anyway). With
/// `reject = false` the listings only reach the spam filter.
struct SMTPBlockListGate: Sendable {
    let checker: BlockListChecker
    let rejectsListedClients: Bool
    let trustedNetworks: [IPNetwork]
    let logger: Logger

    /// The gate of a configuration with block lists, else nil.
    static func make(configuration: ServerConfiguration, resolver: any DNSResolving, logger: Logger) -> SMTPBlockListGate? {
        let settings = configuration.blockLists
        guard settings.isEnabled else { return nil }
        return SMTPBlockListGate(
            checker: BlockListChecker(zones: settings.zones, resolver: resolver,
                                      timeout: .milliseconds(settings.timeoutMilliseconds)),
            rejectsListedClients: settings.rejectsListedClients,
            trustedNetworks: configuration.senderAuthentication.trustedNetworks, logger: logger)
    }

    /// The client address to look up: port 25 clients outside the trusted networks only.
    func client(of connection: AcceptedConnection) -> IPAddress? {
        guard connection.service == .smtp else { return nil }
        return SMTPClientAddress.untrusted(connection.remoteIP, trustedNetworks: trustedNetworks)
    }

    /// Waits `delay` and, meanwhile, looks the client up: succeeds with its listings once
    /// both are done. The lookups end after the checker's timeout at the latest.
    func greetingWait(for connection: AcceptedConnection, delay: TimeAmount,
                      on eventLoop: any EventLoop) -> EventLoopFuture<[BlockListing]> {
        let delayed = eventLoop.scheduleTask(in: delay) {}.futureResult
        guard let address = client(of: connection) else { return delayed.map { [] } }
        let lookups = eventLoop.makePromise(of: [BlockListing].self)
        let checker = self.checker
        let logger = self.logger
        lookups.completeWithTask {
            let started = ContinuousClock.now
            let report = await checker.check(address)
            let milliseconds = String(format: "%.2f", (ContinuousClock.now - started) / .milliseconds(1))
            for failure in report.failures {
                logger.warning("block list lookup failed; not listed", metadata: ["zone": "\(failure.zone)", "reason": "\(failure.reason)"])
            }
            if report.isListed {
                logger.info("client listed", metadata: ["listings": "\(report.listings.map(\.description).joined(separator: "; "))",
                                                        "reasons": "\(report.listings.compactMap(\.reason).joined(separator: "; "))",
                                                        "lookup_ms": "\(milliseconds)"])
            } else {
                logger.debug("client not listed", metadata: ["lookup_ms": "\(milliseconds)"])
            }
            return report.listings
        }
        return delayed.and(lookups.futureResult).map { $0.1 }
    }

    /// The reply that refuses a listed client's MAIL FROM; nil when the client is not listed
    /// or listed clients are not refused.
    func refusal(_ listings: [BlockListing], client: String) -> SMTPReply? {
        guard rejectsListedClients, let listing = listings.first else { return nil }
        var text = "Service unavailable; client [\(client)] listed by \(listing)"
        if let reason = listing.reason.map(Self.printable), !reason.isEmpty { text += ": " + reason }
        return SMTPReply(550, SMTPEnhancedStatusCode(5, 7, 1), text)
    }

    /// A list's TXT text as it may appear in a reply: printable ASCII only (no line breaks
    /// from a third party's record), at most 200 characters.
    static func printable(_ text: String) -> String {
        String(String(text.unicodeScalars.filter { (0x20...0x7E).contains($0.value) }).prefix(200))
    }
}
