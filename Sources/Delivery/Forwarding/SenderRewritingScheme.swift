import Crypto
import Foundation
import MailCore

/// The Sender Rewriting Scheme (Shevek, "Sender Rewriting Scheme", 2004, in the format of
/// libsrs2): when a message is forwarded to another server, its envelope sender is rewritten
/// to an address of the forwarder's domain, so that SPF (RFC 7208) checks the forwarder's
/// domain and passes; a bounce to that address is reversed to the original sender.
///
/// - `SRS0=HHHH=TT=orig-domain=orig-local@forwarder` for a sender that was not rewritten yet;
/// - `SRS1=HHHH=first-forwarder==HHHH=TT=orig-domain=orig-local@forwarder` when an SRS0
///   address is forwarded again: the chain keeps pointing at the first forwarder, which alone
///   can check the SRS0 part, and a further forwarder only replaces the outer hash and domain.
///
/// `TT` is the day (since the epoch, modulo 1024) in base32; `HHHH` is the first four
/// characters of the base64 HMAC-SHA1, under the secret, of the other fields lower-cased.
/// Hashes are compared without regard to case, because some servers change the case of
/// local parts. Input may use `=`, `+` or `-` after the `SRS0`/`SRS1` tag.
public struct SenderRewritingScheme: Sendable {
    /// How many days a rewritten address stays valid for bounces.
    public let maximumAgeDays: Int
    private let secret: [UInt8]
    /// Characters of the base64 HMAC kept in an address.
    static let hashLength = 4

    /// A scheme keyed with `secret` whose addresses are accepted for `maximumAgeDays` days.
    public init(secret: [UInt8], maximumAgeDays: Int = 21) {
        self.secret = secret
        self.maximumAgeDays = maximumAgeDays
    }

    /// Whether `localPart` starts with `SRS0` or `SRS1` (any case) and a separator `=`, `+` or
    /// `-`: an address the scheme would try to reverse.
    public static func looksRewritten(_ localPart: String) -> Bool {
        SRSTag(localPart) != nil
    }

    /// The envelope sender to use when forwarding a message from `sender` through
    /// `forwarderDomain`: an SRS0 address, or SRS1 when `sender` is already an SRS address.
    ///
    /// `sender` is returned unchanged when it is already in `forwarderDomain` (SPF passes as
    /// it is), when `forwarderDomain` is not a valid domain, or when the rewritten local part
    /// would exceed the 64 octets of RFC 5321 §4.5.3.1.1. The null sender `<>` is never
    /// rewritten: it has no address to pass here.
    public func forward(sender: EmailAddress, forwarderDomain: String, now: Date) -> EmailAddress {
        guard let domain = try? EmailAddress.canonicalDomain(forwarderDomain), domain != sender.domain,
              let rewritten = try? EmailAddress(localPart: rewrittenLocalPart(of: sender, now: now), domain: domain)
        else { return sender }
        return rewritten
    }

    /// The address a bounce to the SRS address `address` goes to: the original sender for
    /// SRS0, or the SRS0 address at the first forwarder for SRS1. The domain of `address` is
    /// not checked; that it is ours is the caller's concern.
    public func reverse(_ address: EmailAddress, now: Date) throws(SRSError) -> EmailAddress {
        guard let tag = SRSTag(address.localPart) else { throw .notSRS }
        let body = SRSTag.body(of: address.localPart)
        switch tag {
        case .srs0:
            let fields = Self.fields(of: body, count: 4)
            guard fields.count == 4 else { throw .malformed("expected hash, timestamp, domain and local part") }
            let (hash, stamp, domain, local) = (fields[0], fields[1], fields[2], fields[3])
            guard let slot = SRSTimestamp.decode(stamp) else { throw .malformed("the timestamp is not two base32 characters") }
            guard !domain.isEmpty, !local.isEmpty else { throw .malformed("the original domain or local part is empty") }
            try check(hash, against: self.hash(stamp, domain, local))
            guard SRSTimestamp.age(of: slot, now: now) <= maximumAgeDays else { throw .expired }
            return try Self.address(local: local, domain: domain)
        case .srs1:
            let fields = Self.fields(of: body, count: 3)
            guard fields.count == 3, !fields[1].isEmpty, SRSTag("SRS0" + fields[2]) == .srs0 else {
                throw .malformed("expected hash, first forwarder's domain and an SRS0 part")
            }
            let (hash, firstForwarder, opaque) = (fields[0], fields[1], fields[2])
            try check(hash, against: self.hash(firstForwarder, opaque))
            return try Self.address(local: "SRS0" + opaque, domain: firstForwarder)
        }
    }

    // MARK: - Rewriting

    private func rewrittenLocalPart(of sender: EmailAddress, now: Date) -> String {
        let local = sender.localPart
        switch SRSTag(local) {
        case .srs0:
            // The opaque part keeps its leading separator: `SRS1=HHHH=domain==HHHH=TT=...`.
            return srs1(firstForwarder: sender.domain, opaque: String(String.UnicodeScalarView(local.unicodeScalars.dropFirst(4))))
        case .srs1:
            let fields = Self.fields(of: SRSTag.body(of: local), count: 3)
            if fields.count == 3, !fields[1].isEmpty, !fields[2].isEmpty {
                return srs1(firstForwarder: fields[1], opaque: fields[2])
            }
            // Not a chain we can keep: wrapped like any other sender below.
        case nil:
            break
        }
        let stamp = SRSTimestamp.encode(now)
        return "SRS0=\(hash(stamp, sender.domain, local))=\(stamp)=\(sender.domain)=\(local)"
    }

    private func srs1(firstForwarder: String, opaque: String) -> String {
        "SRS1=\(hash(firstForwarder, opaque))=\(firstForwarder)=\(opaque)"
    }

    // MARK: - Hashing

    /// The first four base64 characters of HMAC-SHA1(secret, the parts concatenated), with
    /// ASCII letters lower-cased first as libsrs2 does.
    private func hash(_ parts: String...) -> String {
        var data: [UInt8] = []
        for part in parts { data += part.utf8.map(Self.asciiLowercased) }
        let code = HMAC<Insecure.SHA1>.authenticationCode(for: data, using: SymmetricKey(data: secret))
        return String(Data(code).base64EncodedString().prefix(Self.hashLength))
    }

    private func check(_ given: String, against expected: String) throws(SRSError) {
        guard !given.isEmpty else { throw .malformed("the hash is empty") }
        guard given.utf8.map(Self.asciiLowercased) == expected.utf8.map(Self.asciiLowercased) else { throw .badHash }
    }

    private static func asciiLowercased(_ byte: UInt8) -> UInt8 {
        byte >= 0x41 && byte <= 0x5A ? byte + 0x20 : byte
    }

    // MARK: - Fields

    /// `text` split at `=` into at most `count` fields, the last one keeping any further `=`.
    private static func fields(of text: String, count: Int) -> [String] {
        Array(text.unicodeScalars)
            .split(separator: "=", maxSplits: count - 1, omittingEmptySubsequences: false)
            .map { String(String.UnicodeScalarView($0)) }
    }

    private static func address(local: String, domain: String) throws(SRSError) -> EmailAddress {
        do {
            return try EmailAddress(localPart: local, domain: domain)
        } catch {
            throw .malformed("the address it encodes is invalid")
        }
    }
}

/// The tag that starts an SRS local part.
enum SRSTag: Equatable {
    case srs0
    case srs1

    /// The tag of `localPart`: `SRS0` or `SRS1` in any case followed by `=`, `+` or `-`.
    init?(_ localPart: String) {
        let scalars = Array(localPart.unicodeScalars.prefix(5))
        guard scalars.count == 5, scalars[4] == "=" || scalars[4] == "+" || scalars[4] == "-" else { return nil }
        // ASCII only: `uppercased()` would also map e.g. U+017F (long s) to `S`.
        guard scalars[0] == "S" || scalars[0] == "s", scalars[1] == "R" || scalars[1] == "r",
              scalars[2] == "S" || scalars[2] == "s" else { return nil }
        switch scalars[3] {
        case "0": self = .srs0
        case "1": self = .srs1
        default: return nil
        }
    }

    /// What follows the tag and its separator.
    static func body(of localPart: String) -> String {
        String(String.UnicodeScalarView(localPart.unicodeScalars.dropFirst(5)))
    }
}
