import DNSResolver
import Foundation
import MailAuth
import MailCore
import SMTPProtocol

/// Checks who really sent a message that arrived from another server (port 25): SPF for the
/// MAIL FROM and HELO identities, every DKIM signature, the ARC chain, then DMARC for the
/// From: domain; records the results in `Authentication-Results:` (RFC 8601) and
/// `Received-SPF:` (RFC 7208 §9.1), and applies the DMARC policy (RFC 7489 §6.6.4).
public struct InboundMessageAuthenticator: Sendable {
    private let spf: SPFVerifier
    private let dkim: DKIMVerifier
    private let arc: ARCVerifier
    private let dmarc: DMARCVerifier
    /// This server's authserv-id (RFC 8601 §2.5): its host name.
    public let authservID: String
    /// Whether a DMARC reject or quarantine policy is carried out; when false the results are
    /// only recorded.
    public let enforcesDMARC: Bool
    /// Clients whose mail is not checked.
    public let trustedNetworks: [IPNetwork]
    private let headerLimit: Int

    public init(resolver: any DNSResolving, publicSuffixList: PublicSuffixList, authservID: String,
                enforcesDMARC: Bool = true, trustedNetworks: [IPNetwork] = [], headerLimit: Int = 1 << 20) {
        self.trustedNetworks = trustedNetworks
        self.spf = SPFVerifier(resolver: resolver, receivingHostname: authservID)
        self.dkim = DKIMVerifier(resolver: resolver)
        self.arc = ARCVerifier(resolver: resolver)
        self.dmarc = DMARCVerifier(resolver: resolver, publicSuffixList: publicSuffixList)
        self.authservID = authservID
        self.enforcesDMARC = enforcesDMARC
        self.headerLimit = headerLimit
    }

    /// Whether mail from `remoteAddress` is checked at all.
    public func checks(clientAt remoteAddress: String) -> Bool {
        guard let client = IPAddress(remoteAddress) else { return true }
        return !trustedNetworks.containsAddress(client)
    }

    /// Checks `message` (as received, without our trace fields) sent in `envelope`, and
    /// decides what becomes of it.
    public func authenticate(_ message: [UInt8], envelope: SMTPEnvelope) async -> InboundAuthenticationVerdict {
        let helo = envelope.helloName.text
        let mailFrom = envelope.sender.address?.description ?? ""
        let client = IPAddress(envelope.remoteAddress) ?? IPAddress(bytes: [0, 0, 0, 0])!
        let header = MessageHeaderSection(of: message, limit: headerLimit)
        let headerBytes = Array(header.bytes)
        let report = await evaluate(message, header: headerBytes, client: client, helo: helo, mailFrom: mailFrom)
        let dmarc = report.dmarc
        if enforcesDMARC, dmarc.result == .fail, dmarc.disposition == .reject {
            let domain = dmarc.policyDomain ?? dmarc.authorDomain
            return .reject(SMTPReply(550, SMTPEnhancedStatusCode(5, 7, 1),
                                     "Message rejected by the DMARC policy of \(domain): it is not from \(domain)"))
        }
        let receivedSPF = ReceivedSPFField.render(report.mailFrom, client: client, helo: helo,
                                                  envelopeFrom: mailFrom, receiver: authservID)
        // RFC 8601 §5: fields claiming our authserv-id that arrived with the message are forgeries.
        let cleanedHeader = AuthenticationResultsFilter.removingFieldsClaiming(authservID: authservID, from: headerBytes)
        let content = cleanedHeader.count == headerBytes.count ? message : cleanedHeader + message[header.bytes.endIndex...]
        let quarantined = enforcesDMARC && dmarc.result == .fail && dmarc.disposition == .quarantine
        return .deliver(addedFields: report.field.bytes + Array(receivedSPF.utf8), content: content, quarantined: quarantined)
    }

    /// Runs every check on `message` from `client`, which said `helo` and MAIL FROM
    /// `mailFrom` ("" for the null sender).
    public func evaluate(_ message: [UInt8], client: IPAddress, helo: String, mailFrom: String) async -> InboundAuthenticationReport {
        let header = MessageHeaderSection(of: message, limit: headerLimit)
        return await evaluate(message, header: Array(header.bytes), client: client, helo: helo, mailFrom: mailFrom)
    }

    /// ``evaluate(_:client:helo:mailFrom:)`` with the message's header section already found.
    private func evaluate(_ message: [UInt8], header: [UInt8], client: IPAddress, helo: String,
                          mailFrom: String) async -> InboundAuthenticationReport {
        async let mailFromCheck = spf.checkMailFrom(client: client, helo: helo, mailFrom: mailFrom)
        async let heloCheck = spf.checkHELO(client: client, helo: helo)
        async let signatureChecks = dkim.verify(message: message)
        async let chainCheck = arc.verify(message: message)
        let spfEvaluation = await mailFromCheck
        let heloEvaluation = await heloCheck
        let verifications = await signatureChecks
        let arcEvaluation = await chainCheck

        let dmarcEvaluation: DMARCEvaluation
        switch AuthorDomain.extract(fromHeaderSection: header) {
        case .success(let authorDomain):
            // RFC 7489 §4.2: SPF counts for the MAIL FROM domain, or the HELO name for the
            // null sender. A signature whose l= leaves content unsigned is not trusted.
            dmarcEvaluation = await dmarc.evaluate(
                authorDomain: authorDomain,
                spf: (result: spfEvaluation.result, domain: spfEvaluation.domain),
                dkim: verifications.map { (result: $0.bodyLengthLimited ? .policy : $0.result, domain: $0.domain) })
        case .failure(let problem):
            dmarcEvaluation = .unusableAuthorDomain(problem)
        }

        // The null sender's MAIL FROM check is the HELO check (RFC 7208 §2.4): reported once.
        var results: [AuthenticationResultsMethodResult] = []
        if !mailFrom.isEmpty {
            results.append(.spf(spfEvaluation.result, mailFrom: spfEvaluation.sender, comment: spfEvaluation.problem))
        }
        results.append(.spf(heloEvaluation.result, mailFrom: nil, helo: helo, comment: heloEvaluation.problem))
        if verifications.isEmpty {
            results.append(AuthenticationResultsMethodResult(method: "dkim", result: DKIMResult.none.rawValue))
        }
        for verification in verifications {
            let reason = verification.bodyLengthLimited
                ? "the l= body length leaves content unsigned" : verification.failure?.description
            results.append(.dkim(verification.bodyLengthLimited && verification.result == .pass ? .policy : verification.result,
                                 domain: verification.domain, selector: verification.selector,
                                 signature: verification.headerSignaturePrefix, identity: verification.identity,
                                 reason: reason))
        }
        results.append(.dmarc(dmarcEvaluation))
        if arcEvaluation.result != .none {
            results.append(AuthenticationResultsMethodResult(method: "arc", result: arcEvaluation.result.rawValue,
                                                             reason: arcEvaluation.failure))
        }
        return InboundAuthenticationReport(
            mailFrom: spfEvaluation, helo: heloEvaluation, signatures: verifications, chain: arcEvaluation,
            dmarc: dmarcEvaluation, field: AuthenticationResultsField(authservID: authservID, results: results))
    }
}
