import DNSResolver
import MailAuth

/// How the server checks mail from other servers and signs its users' mail (the `[mail_auth]`
/// table).
public struct SenderAuthenticationSettings: Sendable, Equatable {
    /// The authserv-id of `Authentication-Results:` (RFC 8601 §2.5); nil means the host name.
    public var authservID: String?
    /// The Public Suffix List that finds organizational domains for DMARC (RFC 7489 §3.2).
    public var publicSuffixListPath: String
    /// Whether mail from other servers (port 25) is checked with SPF, DKIM, ARC and DMARC.
    public var verifiesInbound: Bool
    /// Whether DMARC reject and quarantine policies are carried out (else only recorded).
    public var enforcesDMARC: Bool
    /// Whether submitted mail is DKIM-signed with the keys of `martlet dkim generate`.
    public var signsSubmissions: Bool
    /// Clients whose mail is not checked (their own relays, or this machine): loopback by default.
    public var trustedNetworks: [IPNetwork]

    public init(authservID: String? = nil, publicSuffixListPath: String = PublicSuffixList.debianPath,
                verifiesInbound: Bool = true, enforcesDMARC: Bool = true, signsSubmissions: Bool = true,
                trustedNetworks: [IPNetwork] = IPNetwork.loopback) {
        self.authservID = authservID
        self.publicSuffixListPath = publicSuffixListPath
        self.verifiesInbound = verifiesInbound
        self.enforcesDMARC = enforcesDMARC
        self.signsSubmissions = signsSubmissions
        self.trustedNetworks = trustedNetworks
    }
}
