import ArgumentParser
import Delivery
import Foundation
import MailCore
import MartletServer

/// `martlet dns-records DOMAIN`: the records an operator publishes for a local domain.
struct DNSRecordsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dns-records",
        abstract: "Print the MX, SPF, DKIM and DMARC records to publish for a local domain, as zone-file lines.")
    @OptionGroup var store: StoreOptions
    @Argument(help: "A local domain.") var domain: String
    @Option(help: "The mail server's host name (default: the configuration's hostname, or mail.DOMAIN).")
    var hostname: String?

    func run() async throws {
        let canonical: String
        do { canonical = try EmailAddress.canonicalDomain(domain) } catch {
            throw ValidationError("\(domain) is not a domain name: \(error)")
        }
        guard try await withStore(store, { try await $0.isLocalDomain(canonical) }) else {
            throw DKIMCommandError.notLocal(canonical)
        }
        let location = try StoreLocation(configurationFile: store.config, dataDirectory: store.data)
        let configured = try store.config.map { try ServerConfiguration.load(file: $0).hostname }
        let server = hostname ?? configured ?? "mail.\(canonical)"
        print("; mail for \(canonical) goes to \(server)")
        print("\(canonical). IN MX 10 \(server).")
        print("; SPF (RFC 7208): only the domain's MX hosts send its mail")
        print(DNSRecordText.txt(canonical, ["v=spf1 mx -all"]))
        let keys = DKIMKeyring.readKeys(under: DKIMKeyring.directory(inDataFolder: location.dataDirectory))[canonical] ?? []
        if keys.isEmpty {
            print("; DKIM: no key yet; run `martlet dkim generate \(canonical)`")
        }
        for signer in keys {
            print("; DKIM (RFC 6376) key \(signer.selector), \(signer.key.algorithm.rawValue)")
            print(DNSRecordText.dkim(domain: canonical, selector: signer.selector, key: signer.key))
        }
        print("; DMARC (RFC 7489): mail failing SPF and DKIM alignment goes to Junk; reports to postmaster")
        print(DNSRecordText.txt("_dmarc.\(canonical)", ["v=DMARC1; p=quarantine; rua=mailto:postmaster@\(canonical)"]))
    }
}
