import ArgumentParser
import Delivery
import Foundation
import MailAuth
import MailCore
import MartletServer

/// `martlet dkim generate DOMAIN [--selector S] [--algorithm rsa2048|ed25519]`
struct DKIMCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dkim",
        abstract: "Manage the DKIM keys that sign mail submitted by local users.",
        subcommands: [Generate.self]
    )

    struct Generate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Generate a signing key for a local domain and print the DNS TXT record to publish.",
            discussion: """
                The key is written to DATA/dkim/DOMAIN/SELECTOR.pem and used from the next message on; \
                a domain with several keys (say one RSA, one Ed25519) is signed with each.
                """)
        @OptionGroup var store: StoreOptions
        @Argument(help: "A local domain.") var domain: String
        @Option(help: "The selector (default: rsa-YYYYMM or ed25519-YYYYMM).") var selector: String?
        @Option(help: "rsa2048 or ed25519.") var algorithm: String = "rsa2048"

        func run() async throws {
            guard let kind = DKIMSigningKey.Kind(rawValue: algorithm) else {
                throw ValidationError("--algorithm must be rsa2048 or ed25519")
            }
            let canonical: String
            do { canonical = try EmailAddress.canonicalDomain(domain) } catch {
                throw ValidationError("\(domain) is not a domain name: \(error)")
            }
            guard try await withStore(store, { try await $0.isLocalDomain(canonical) }) else {
                throw DKIMCommandError.notLocal(canonical)
            }
            let chosen = selector ?? Self.defaultSelector(kind)
            guard Self.isValidSelector(chosen) else { throw ValidationError("\(chosen) is not a valid selector") }
            let location = try StoreLocation(configurationFile: store.config, dataDirectory: store.data)
            let path = DKIMKeyring.keyPath(inDataFolder: location.dataDirectory, domain: canonical, selector: chosen)
            guard !FileManager.default.fileExists(atPath: path) else { throw DKIMCommandError.exists(path) }
            let key = try DKIMSigningKey.generate(kind)
            try FileManager.default.createDirectory(atPath: URL(fileURLWithPath: path).deletingLastPathComponent().path,
                                                    withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            // The private key is readable by the server's user only.
            guard FileManager.default.createFile(atPath: path, contents: Data(key.pemRepresentation.utf8),
                                                 attributes: [.posixPermissions: 0o600]) else {
                throw DKIMCommandError.unwritable(path)
            }
            print("wrote \(path)")
            print("publish this record in the DNS of \(canonical):")
            print(DNSRecordText.dkim(domain: canonical, selector: chosen, key: key))
        }

        /// `rsa-YYYYMM` or `ed25519-YYYYMM`: dated, so a rotated key gets a new name.
        static func defaultSelector(_ kind: DKIMSigningKey.Kind) -> String {
            let month = Calendar(identifier: .gregorian).dateComponents(in: TimeZone(identifier: "UTC")!, from: Date())
            let stamp = String(format: "%04d%02d", month.year ?? 0, month.month ?? 0)
            return (kind == .ed25519 ? "ed25519-" : "rsa-") + stamp
        }

        /// A selector is one or more DNS labels (RFC 6376 §3.1).
        static func isValidSelector(_ text: String) -> Bool {
            let labels = text.split(separator: ".", omittingEmptySubsequences: false)
            return !text.isEmpty && text.utf8.count <= 200 && labels.allSatisfy { label in
                !label.isEmpty && label.utf8.count <= 63 && label.first != "-" && label.last != "-"
                    && label.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }
            }
        }
    }
}

enum DKIMCommandError: Error, CustomStringConvertible {
    case notLocal(String), exists(String), unwritable(String)

    var description: String {
        switch self {
        case .notLocal(let domain): "\(domain) is not a local domain (add it with `martlet domain add`)"
        case .exists(let path): "\(path) already exists; choose another --selector"
        case .unwritable(let path): "\(path) could not be written"
        }
    }
}
