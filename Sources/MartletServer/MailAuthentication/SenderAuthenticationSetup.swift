import DNSResolver
import Delivery
import Logging
import MailAuth

/// Builds the sender-authentication parts of a server process from its configuration: the
/// checker of inbound mail and the DKIM keyring of submitted mail.
enum SenderAuthenticationSetup {
    static func authenticator(configuration: ServerConfiguration, resolver: any DNSResolving,
                              logger: Logger) -> InboundMessageAuthenticator? {
        let settings = configuration.senderAuthentication
        guard settings.verifiesInbound else { return nil }
        let suffixes: PublicSuffixList
        do {
            suffixes = try PublicSuffixList.load(path: settings.publicSuffixListPath)
        } catch {
            // Without the list, organizational domains fall back to the last two labels (the
            // list's implicit "*" rule), which is wrong for suffixes like co.uk.
            logger.warning("the Public Suffix List could not be read; DMARC uses the last two labels of a domain",
                           metadata: ["path": "\(settings.publicSuffixListPath)", "error": "\(error)"])
            suffixes = PublicSuffixList(text: "")
        }
        return InboundMessageAuthenticator(
            resolver: resolver, publicSuffixList: suffixes,
            authservID: settings.authservID ?? configuration.hostname,
            enforcesDMARC: settings.enforcesDMARC, trustedNetworks: settings.trustedNetworks, headerLimit: configuration.limits.maxHeaderSectionSize)
    }

    static func keyring(configuration: ServerConfiguration) -> DKIMKeyring? {
        guard configuration.senderAuthentication.signsSubmissions else { return nil }
        return DKIMKeyring(directory: DKIMKeyring.directory(inDataFolder: configuration.dataDirectory))
    }
}
