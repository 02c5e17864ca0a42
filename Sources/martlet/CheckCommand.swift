import ArgumentParser
import DNSResolver
import Delivery
import Foundation
import MailAuth
import MartletServer
import NIOPosix

/// `martlet check spf|dkim|dmarc`: the operator's diagnostics. They run the server's own
/// checks; the first line printed is the result keyword alone, details follow.
struct CheckCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check SPF, DKIM or DMARC on demand, with the server's own code.",
        subcommands: [SPF.self, DKIM.self, DMARC.self]
    )

    struct SPF: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Whether IP may send mail for the --from address (and the HELO name).")
        @OptionGroup var dns: CheckDNSOptions
        @Option(help: "The client's address.") var ip: String
        @Option(help: "The name the client gave in HELO/EHLO.") var helo: String
        @Option(help: "The MAIL FROM address (\"\" for the null sender).") var from: String

        func run() async throws {
            let client = try CheckDNSOptions.address(ip)
            let verifier = SPFVerifier(resolver: try dns.resolver(), receivingHostname: ProcessInfo.processInfo.hostName)
            let evaluation = await verifier.checkMailFrom(client: client, helo: helo, mailFrom: from)
            let heloEvaluation = await verifier.checkHELO(client: client, helo: helo)
            print(evaluation.result.rawValue)
            print("domain: \(evaluation.domain)")
            print("sender: \(evaluation.sender)")
            if let mechanism = evaluation.mechanism { print("mechanism: \(mechanism)") }
            if let problem = evaluation.problem { print("problem: \(problem)") }
            if let explanation = evaluation.explanation { print("explanation: \(explanation)") }
            print("dns-lookups: \(evaluation.dnsLookupCount)")
            print("helo: \(heloEvaluation.result.rawValue) (\(helo))")
            print(ReceivedSPFField.render(evaluation, client: client, helo: helo, envelopeFrom: from,
                                          receiver: ProcessInfo.processInfo.hostName), terminator: "")
        }
    }

    struct DKIM: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Verify every DKIM signature of a message file.")
        @OptionGroup var dns: CheckDNSOptions
        @Argument(help: "The message (RFC 5322 format).") var file: String

        func run() async throws {
            let message = try CheckDNSOptions.readMessage(file)
            let verifications = await DKIMVerifier(resolver: try dns.resolver()).verify(message: message)
            // The first line: pass when some signature passed, else the first signature's result.
            let overall = verifications.first { $0.result == .pass }?.result ?? verifications.first?.result ?? .none
            print(overall.rawValue)
            if verifications.isEmpty { print("the message has no DKIM-Signature field") }
            for verification in verifications {
                var line = "dkim=\(verification.result.rawValue) d=\(verification.domain) s=\(verification.selector)"
                line += " a=\(verification.algorithm) b=\(verification.headerSignaturePrefix)"
                if verification.bodyLengthLimited { line += " (l= leaves content unsigned)" }
                if verification.keyIsTesting { line += " (key in testing mode)" }
                if let failure = verification.failure { line += ": \(failure)" }
                print(line)
            }
        }
    }

    struct DMARC: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Evaluate DMARC for a message file as if IP had sent it with this HELO and MAIL FROM.")
        @OptionGroup var dns: CheckDNSOptions
        @Argument(help: "The message (RFC 5322 format).") var file: String
        @Option(help: "The client's address.") var ip: String
        @Option(help: "The name the client gave in HELO/EHLO.") var helo: String
        @Option(help: "The MAIL FROM address (\"\" for the null sender).") var from: String
        @Option(help: "The Public Suffix List.") var publicSuffixList: String = PublicSuffixList.debianPath

        func run() async throws {
            let message = try CheckDNSOptions.readMessage(file)
            let suffixes = (try? PublicSuffixList.load(path: publicSuffixList)) ?? PublicSuffixList(text: "")
            let authenticator = InboundMessageAuthenticator(
                resolver: try dns.resolver(), publicSuffixList: suffixes, authservID: ProcessInfo.processInfo.hostName)
            let report = await authenticator.evaluate(message, client: try CheckDNSOptions.address(ip), helo: helo, mailFrom: from)
            let dmarc = report.dmarc
            print(dmarc.result.rawValue)
            print("author-domain: \(dmarc.authorDomain)")
            if let domain = dmarc.policyDomain { print("policy-domain: \(domain)") }
            if let policy = dmarc.policy { print("policy: \(policy.rawValue)") }
            print("disposition: \(dmarc.disposition.rawValue)")
            print("spf: \(report.mailFrom.result.rawValue) (\(report.mailFrom.domain)), aligned: \(dmarc.spfAligned)")
            print("dkim: \(report.signatures.map { "\($0.result.rawValue) (\($0.domain))" }.joined(separator: ", ")), aligned: \(dmarc.dkimAligned)")
            if let explanation = dmarc.explanation { print("explanation: \(explanation)") }
            print(report.field.rendered, terminator: "")
        }
    }
}

/// `--dns HOST:PORT` and `--dns-timeout SECONDS`, shared by the check commands.
struct CheckDNSOptions: ParsableArguments {
    @Option(help: ArgumentHelp("The DNS server to ask (default: those of /etc/resolv.conf).", valueName: "host:port"))
    var dns: String?
    @Option(help: "Seconds to wait for each DNS answer.") var dnsTimeout: Int = 5

    func resolver() throws -> StubResolver {
        let group = MultiThreadedEventLoopGroup.singleton
        var configuration: DNSResolverConfiguration
        if let dns {
            configuration = DNSResolverConfiguration(servers: [try DNSServerAddress(parsing: dns)])
        } else {
            configuration = (try? StubResolver.system().configuration)
                ?? DNSResolverConfiguration(resolvConf: ResolvConf(nameservers: []))
        }
        configuration.timeout = .seconds(max(1, dnsTimeout))
        return StubResolver(configuration: configuration, eventLoopGroup: group)
    }

    static func address(_ text: String) throws -> IPAddress {
        guard let address = IPAddress(text) else { throw ValidationError("\(text) is not an IP address") }
        return address
    }

    static func readMessage(_ path: String) throws -> [UInt8] {
        guard let data = FileManager.default.contents(atPath: path) else { throw ValidationError("\(path) cannot be read") }
        return Array(data)
    }
}
