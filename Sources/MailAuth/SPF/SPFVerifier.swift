import DNSResolver
import Foundation

/// Checks whether a client may send mail for a domain, by that domain's SPF record (RFC 7208).
/// All DNS goes through the resolver; nothing else is touched.
public struct SPFVerifier: Sendable {
    /// Where the DNS answers come from.
    public let resolver: any DNSResolving
    /// This host's name: `%{r}` in explanations (§7.2).
    public let receivingHostname: String
    private let now: @Sendable () -> Date

    /// Creates a verifier. `now` gives `%{t}` in explanations and bounds a check to 20 seconds.
    public init(resolver: any DNSResolving, receivingHostname: String, now: @escaping @Sendable () -> Date = { Date() }) {
        self.resolver = resolver
        self.receivingHostname = receivingHostname
        self.now = now
    }

    /// check_host() (RFC 7208 §4): whether `client` may send for `domain`, with `sender`
    /// (local-part@domain) and `helo` as macro values. A sender without local-part gets
    /// "postmaster" (§4.3). IPv4-mapped IPv6 clients are checked as IPv4 (§5).
    public func checkHost(client: IPAddress, domain: String, sender: String, helo: String,
                          identity: SPFIdentity = .mailFrom) async -> SPFEvaluation {
        let client = client.embeddedIPv4 ?? client
        let (localPart, senderDomain) = Self.split(sender: sender, defaultDomain: domain)
        let fullSender = localPart + [UInt8(ascii: "@")] + senderDomain
        let context = SPFMacroContext(
            sender: fullSender, localPart: localPart, senderDomain: senderDomain, domain: [],
            client: client, helo: Array(helo.utf8), receiver: Array(receivingHostname.utf8),
            timestamp: Int64(now().timeIntervalSince1970.rounded(.down)), validatedDomain: nil)
        var run = SPFCheckHost(resolver: resolver, context: context, now: now)
        let outcome = await run.checkHost(domain: Array(domain.utf8), wantsExplanation: true)
        var checkedDomain = domain
        if checkedDomain.hasSuffix(".") { checkedDomain.removeLast() }
        return SPFEvaluation(
            result: outcome.result, domain: checkedDomain, sender: String(decoding: fullSender, as: UTF8.self),
            identity: identity, explanation: outcome.result == .fail ? outcome.explanation : nil,
            mechanism: outcome.mechanism, problem: outcome.problem, dnsLookupCount: run.dnsQueryingTerms)
    }

    /// Checks the MAIL FROM identity (§2.4). An empty `mailFrom` (the null reverse-path)
    /// checks "postmaster@" followed by the HELO name instead.
    public func checkMailFrom(client: IPAddress, helo: String, mailFrom: String) async -> SPFEvaluation {
        var address = Substring(mailFrom)
        if address.first == "<", address.last == ">" { address = address.dropFirst().dropLast() }
        guard !address.isEmpty else {
            return await checkHost(client: client, domain: helo, sender: "postmaster@" + helo, helo: helo)
        }
        let domain = address.lastIndex(of: "@").map { String(address[address.index(after: $0)...]) } ?? String(address)
        return await checkHost(client: client, domain: domain, sender: String(address), helo: helo)
    }

    /// Checks the HELO identity (§2.3): the HELO name's own policy, sender "postmaster@" + HELO.
    public func checkHELO(client: IPAddress, helo: String) async -> SPFEvaluation {
        await checkHost(client: client, domain: helo, sender: "postmaster@" + helo, helo: helo, identity: .helo)
    }

    /// The local-part ("postmaster" when empty or absent) and domain of a sender; a sender
    /// without "@" is taken as a domain.
    private static func split(sender: String, defaultDomain: String) -> (localPart: [UInt8], domain: [UInt8]) {
        let bytes = Array(sender.utf8)
        let postmaster = Array("postmaster".utf8)
        guard let at = bytes.lastIndex(of: UInt8(ascii: "@")) else {
            return (postmaster, bytes.isEmpty ? Array(defaultDomain.utf8) : bytes)
        }
        let localPart = Array(bytes[..<at])
        return (localPart.isEmpty ? postmaster : localPart, Array(bytes[(at + 1)...]))
    }
}
