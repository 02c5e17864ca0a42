import Foundation
import MailCore
import TestSupport
import Testing
@testable import Delivery

@Suite("Sender Rewriting Scheme")
struct SenderRewritingSchemeTests {
    private let scheme = SenderRewritingScheme(secret: Array("martlet-test-secret".utf8))
    /// Day 20833 since the epoch: slot 353, timestamp `LB`.
    private let now = Date(timeIntervalSince1970: 1_800_000_000)
    private let alice = Self.parse("alice@origin.example")

    /// Parses an address the test knows to be valid.
    private static func parse(_ text: String) -> EmailAddress {
        do {
            return try EmailAddress(parsing: text)
        } catch {
            fatalError("invalid test address \(text): \(error)")
        }
    }

    private func address(_ text: String) -> EmailAddress { Self.parse(text) }

    @Test("SRS0: the format of libsrs2, with the hash computed independently, and back")
    func srs0RoundTrip() throws {
        let rewritten = scheme.forward(sender: alice, forwarderDomain: "Fwd.Example.", now: now)
        // base64(HMAC-SHA1("martlet-test-secret", "lborigin.examplealice"))[0..<4], by Python's hmac.
        #expect(rewritten.description == "SRS0=3mwA=LB=origin.example=alice@fwd.example")
        #expect(try scheme.reverse(rewritten, now: now) == alice)
    }

    @Test("forwarding an SRS0 address makes SRS1 pointing at the first forwarder; SRS1 stays anchored there")
    func srs1Chain() throws {
        let first = scheme.forward(sender: alice, forwarderDomain: "fwd.example", now: now)
        let second = scheme.forward(sender: first, forwarderDomain: "second.example", now: now)
        // base64(HMAC-SHA1(secret, "fwd.example=3mwa=lb=origin.example=alice"))[0..<4].
        #expect(second.description == "SRS1=S0en=fwd.example==3mwA=LB=origin.example=alice@second.example")
        let third = scheme.forward(sender: second, forwarderDomain: "third.example", now: now)
        #expect(third.localPart == second.localPart)
        #expect(third.domain == "third.example")
        // SRS1 reverses to the SRS0 address at the first forwarder, which reverses to the sender.
        #expect(try scheme.reverse(third, now: now) == first)
        #expect(try scheme.reverse(second, now: now) == first)
        #expect(try scheme.reverse(scheme.reverse(third, now: now), now: now) == alice)
    }

    @Test("the hash is compared without regard to case, and + or - may follow the tag")
    func caseInsensitive() throws {
        let original = address("Alice.Smith@Origin.Example")
        let rewritten = scheme.forward(sender: original, forwarderDomain: "fwd.example", now: now)
        for local in [rewritten.localPart.uppercased(), rewritten.localPart.lowercased()] {
            let changed = try EmailAddress(localPart: local, domain: "fwd.example")
            #expect(try scheme.reverse(changed, now: now).lookupKey == original.lookupKey)
        }
        for separator in ["+", "-"] {
            let changed = try EmailAddress(localPart: "SRS0" + separator + rewritten.localPart.dropFirst(5), domain: "fwd.example")
            #expect(try scheme.reverse(changed, now: now) == original)
        }
        let chained = scheme.forward(sender: rewritten, forwarderDomain: "second.example", now: now)
        let lowered = try EmailAddress(localPart: chained.localPart.lowercased(), domain: "second.example")
        #expect(try scheme.reverse(lowered, now: now).lookupKey == rewritten.lookupKey)
    }

    @Test("a changed hash, a changed field or another secret is a forgery")
    func tampered() throws {
        let rewritten = scheme.forward(sender: alice, forwarderDomain: "fwd.example", now: now)
        #expect(rewritten.localPart.hasPrefix("SRS0=3mwA="))
        #expect(throws: SRSError.badHash) { try scheme.reverse(address("SRS0=3mwB=LB=origin.example=alice@fwd.example"), now: now) }
        #expect(throws: SRSError.badHash) { try scheme.reverse(address("SRS0=3mwA=LB=origin.example=mallory@fwd.example"), now: now) }
        #expect(throws: SRSError.badHash) { try scheme.reverse(address("SRS0=3mwA=LB=evil.example=alice@fwd.example"), now: now) }
        #expect(throws: SRSError.badHash) { try scheme.reverse(address("SRS0=3mwA=LC=origin.example=alice@fwd.example"), now: now) }
        let other = SenderRewritingScheme(secret: Array("another-secret".utf8))
        #expect(throws: SRSError.badHash) { try other.reverse(rewritten, now: now) }
        #expect(throws: SRSError.badHash) {
            try scheme.reverse(address("SRS1=S0eX=fwd.example==3mwA=LB=origin.example=alice@second.example"), now: now)
        }
    }

    @Test("an address older than the maximum age has expired; the last valid day is accepted")
    func expiry() throws {
        let day = 86_400.0
        let rewritten = scheme.forward(sender: alice, forwarderDomain: "fwd.example", now: now)
        #expect(try scheme.reverse(rewritten, now: now.addingTimeInterval(21 * day)) == alice)
        #expect(throws: SRSError.expired) { try scheme.reverse(rewritten, now: now.addingTimeInterval(22 * day)) }
        let strict = SenderRewritingScheme(secret: Array("martlet-test-secret".utf8), maximumAgeDays: 2)
        #expect(throws: SRSError.expired) { try strict.reverse(rewritten, now: now.addingTimeInterval(3 * day)) }
        // A timestamp "from the future" is one from the previous 1024-day cycle.
        #expect(throws: SRSError.expired) { try scheme.reverse(rewritten, now: now.addingTimeInterval(-day)) }
    }

    @Test("the timestamp wraps around every 1024 days")
    func timestampWrap() throws {
        let day = 86_400.0
        #expect(SRSTimestamp.encode(Date(timeIntervalSince1970: 0)) == "AA")
        #expect(SRSTimestamp.encode(Date(timeIntervalSince1970: 1023 * day)) == "77")
        #expect(SRSTimestamp.encode(Date(timeIntervalSince1970: 1024 * day + 5)) == "AA")
        #expect(SRSTimestamp.decode("lb") == 353)
        #expect(SRSTimestamp.decode("L1") == nil)
        // Made on day 1022 of a cycle (slot 1022), reversed 5 days later in slot 3.
        let made = Date(timeIntervalSince1970: (20 * 1024 + 1022) * day)
        let rewritten = scheme.forward(sender: alice, forwarderDomain: "fwd.example", now: made)
        #expect(rewritten.localPart.contains("=76="))
        #expect(try scheme.reverse(rewritten, now: made.addingTimeInterval(5 * day)) == alice)
        #expect(throws: SRSError.expired) { try scheme.reverse(rewritten, now: made.addingTimeInterval(30 * day)) }
    }

    @Test("senders that need no rewriting, or cannot be rewritten, are returned unchanged")
    func unchanged() throws {
        let local = address("bob@fwd.example")
        #expect(scheme.forward(sender: local, forwarderDomain: "FWD.example", now: now) == local)
        #expect(scheme.forward(sender: alice, forwarderDomain: "not a domain", now: now) == alice)
        // 14 characters of SRS fields + 16 of domain + 40 of local part > 64 (RFC 5321 §4.5.3.1.1).
        let long = address(String(repeating: "x", count: 40) + "@origin16.example")
        #expect(scheme.forward(sender: long, forwarderDomain: "fwd.example", now: now) == long)
    }

    @Test("what is not SRS, or is SRS with missing fields, is refused for what it is")
    func malformed() throws {
        #expect(throws: SRSError.notSRS) { try scheme.reverse(alice, now: now) }
        #expect(throws: SRSError.notSRS) { try scheme.reverse(address("SRS0_x@fwd.example"), now: now) }
        #expect(throws: SRSError.notSRS) { try scheme.reverse(address("srs2=x=y@fwd.example"), now: now) }
        for local in ["SRS0=3mwA=LB=origin.example", "SRS0=3mwA=LBX=origin.example=alice", "SRS0==LB=origin.example=alice",
                      "SRS0=3mwA=LB==alice", "SRS1=S0en=fwd.example", "SRS1=S0en==x"] {
            #expect {
                try scheme.reverse(address("\(local)@fwd.example"), now: now)
            } throws: { error in
                guard case .malformed = error as? SRSError else { return false }
                return true
            }
        }
    }
}

@Suite("SRS secret file")
struct SRSSecretFileTests {
    @Test("created once with 32 random bytes and mode 0600, then read back")
    func createThenLoad() throws {
        let folder = try TemporaryDirectory(prefix: "martlet-srs")
        defer { folder.remove() }
        let data = folder.url.appendingPathComponent("data")
        let first = try SRSSecretFile.loadOrCreate(inDataFolder: data)
        #expect(first.count == 32)
        #expect(try SRSSecretFile.loadOrCreate(inDataFolder: data) == first)
        let path = data.appendingPathComponent("srs.key").path
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)
        #expect(try FileManager.default.contentsOfDirectory(atPath: data.path) == ["srs.key"])
        let other = try TemporaryDirectory(prefix: "martlet-srs")
        defer { other.remove() }
        #expect(try SRSSecretFile.loadOrCreate(inDataFolder: other.url) != first)
    }

    @Test("a key file too short to be a secret is refused")
    func tooShort() throws {
        let folder = try TemporaryDirectory(prefix: "martlet-srs")
        defer { folder.remove() }
        try Data("short".utf8).write(to: folder.url.appendingPathComponent("srs.key"))
        #expect(throws: SRSSecretFileError.tooShort(path: folder.appending("srs.key"), length: 5)) {
            try SRSSecretFile.loadOrCreate(inDataFolder: folder.url)
        }
    }
}
