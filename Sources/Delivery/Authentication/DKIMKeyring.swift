import Foundation
import MailAuth
import MailCore
import Locking

/// The DKIM signing keys of the local domains, kept as files in the data folder:
/// `dkim/<domain>/<selector>.pem`, one file per key (`martlet dkim generate` writes them). A
/// domain with several keys (say an RSA and an Ed25519 one) is signed with each (RFC 8463
/// §3 suggests both while verifiers learn Ed25519).
///
/// The folder is read again when its modification time changes, so a key generated while the
/// server runs is used from its next message on.
public final class DKIMKeyring: Sendable {
    /// The folder holding one subfolder per domain.
    public let directory: String
    private let loaded = Locked<(stamp: Date?, signers: [String: [DKIMSigner]])>((nil, [:]))
    private let checkedAt = Locked<ContinuousClock.Instant?>(nil)

    public init(directory: String) {
        self.directory = directory
    }

    /// The folder under a data folder.
    public static func directory(inDataFolder data: String) -> String {
        URL(fileURLWithPath: data).appendingPathComponent("dkim").path
    }

    /// The path of one key file.
    public static func keyPath(inDataFolder data: String, domain: String, selector: String) -> String {
        URL(fileURLWithPath: directory(inDataFolder: data)).appendingPathComponent(domain)
            .appendingPathComponent("\(selector).pem").path
    }

    /// The signers of `domain` (none when it has no key).
    public func signers(for domain: String) -> [DKIMSigner] {
        guard let canonical = try? EmailAddress.canonicalDomain(domain) else { return [] }
        reloadIfChanged()
        return loaded.withLock { $0.signers[canonical] ?? [] }
    }

    /// Reads the keys again when the folder (or a domain's folder) changed; looked at no more
    /// than once a second.
    private func reloadIfChanged() {
        let now = ContinuousClock.now
        let due = checkedAt.withLock { last -> Bool in
            if let last, now - last < .seconds(1) { return false }
            last = now
            return true
        }
        guard due else { return }
        let stamp = Self.newestModification(under: directory)
        guard loaded.withLock({ $0.stamp != stamp }) else { return }
        let signers = Self.readKeys(under: directory)
        loaded.withLock { $0 = (stamp, signers) }
    }

    /// The latest modification time of the folder and its domain folders.
    private static func newestModification(under directory: String) -> Date? {
        let files = FileManager.default
        guard var newest = (try? files.attributesOfItem(atPath: directory))?[.modificationDate] as? Date else { return nil }
        for domain in (try? files.contentsOfDirectory(atPath: directory)) ?? [] {
            let path = URL(fileURLWithPath: directory).appendingPathComponent(domain).path
            if let date = (try? files.attributesOfItem(atPath: path))?[.modificationDate] as? Date, date > newest {
                newest = date
            }
        }
        return newest
    }

    /// Reads every `<domain>/<selector>.pem`; files that are not keys are skipped.
    public static func readKeys(under directory: String) -> [String: [DKIMSigner]] {
        let files = FileManager.default
        var signers: [String: [DKIMSigner]] = [:]
        for domain in ((try? files.contentsOfDirectory(atPath: directory)) ?? []).sorted() {
            guard let canonical = try? EmailAddress.canonicalDomain(domain) else { continue }
            let folder = URL(fileURLWithPath: directory).appendingPathComponent(domain)
            for name in ((try? files.contentsOfDirectory(atPath: folder.path)) ?? []).sorted() where name.hasSuffix(".pem") {
                let selector = String(name.dropLast(4))
                guard !selector.isEmpty,
                      let data = files.contents(atPath: folder.appendingPathComponent(name).path),
                      data.count < 64 << 10,
                      let key = try? DKIMSigningKey(pemRepresentation: String(decoding: data, as: UTF8.self))
                else { continue }
                signers[canonical, default: []].append(DKIMSigner(domain: canonical, selector: selector, key: key))
            }
        }
        return signers
    }
}
