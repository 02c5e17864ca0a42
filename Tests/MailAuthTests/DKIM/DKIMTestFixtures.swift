import DNSResolver
import Foundation
@testable import MailAuth

/// Messages, keys and DNS answers shared by the DKIM tests.
enum DKIMTestFixtures {
    /// The message RFC 6376 Appendix A.1 and RFC 8463 Appendix A.3 sign (before signing).
    static let unsignedExample = crlf("""
        From: Joe SixPack <joe@football.example.com>
        To: Suzie Q <suzie@shopping.example.net>
        Subject: Is dinner ready?
        Date: Fri, 11 Jul 2003 21:00:37 -0700 (PDT)
        Message-ID: <20030712040037.46341.5F8J@football.example.com>

        Hi.

        We lost the game.  Are you hungry yet?

        Joe.

        """)

    /// RFC 8463 Appendix A.3: the example message signed with ed25519-sha256 and rsa-sha256.
    static let rfc8463SignedMessage = crlf("""
        DKIM-Signature: v=1; a=ed25519-sha256; c=relaxed/relaxed;
         d=football.example.com; i=@football.example.com;
         q=dns/txt; s=brisbane; t=1528637909; h=from : to :
         subject : date : message-id : from : subject : date;
         bh=2jUSOH9NhtVGCQWNr9BrIAPreKQjO6Sn7XIkfJVOzv8=;
         b=/gCrinpcQOoIfuHNQIbq4pgh9kyIK3AQUdt9OdqQehSwhEIug4D11Bus
         Fa3bT3FY5OsU7ZbnKELq+eXdp1Q1Dw==
        DKIM-Signature: v=1; a=rsa-sha256; c=relaxed/relaxed;
         d=football.example.com; i=@football.example.com;
         q=dns/txt; s=test; t=1528637909; h=from : to : subject :
         date : message-id : from : subject : date;
         bh=2jUSOH9NhtVGCQWNr9BrIAPreKQjO6Sn7XIkfJVOzv8=;
         b=F45dVWDfMbQDGHJFlXUNB2HKfbCeLRyhDXgFpEL8GwpsRe0IeIixNTe3
         DhCVlUrSjV4BwcVcOF6+FF3Zo9Rpo1tFOeS9mPYQTnGdaSGsgeefOsk2Jz
         dA+L10TeYt9BgDfQNZtKdN1WO//KgIqXP7OdEFE4LjFYNcUxZQ4FADY+8=

        """) + unsignedExample

    /// RFC 8463 Appendix A.2: the key records, each as the DNS sends its strings.
    static let rfc8463Ed25519Record = TextRecord(["v=DKIM1; k=ed25519; p=11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo="])
    static let rfc8463RSARecord = TextRecord([
        "v=DKIM1; k=rsa; p=MIGfMA0GCSqGSIb3DQEBAQUAA4GNADCBiQKBgQDkHlOQoBTzWR",
        "iGs5V6NpP3idY6Wk08a5qhdR6wy5bdOKb2jLQiY/J16JYi0Qvx/byYzCNb3W91y3FutAC",
        "DfzwQ/BC/e/8uBsCR+yz1Lxj+PL6lHvqMKrM3rG4hstT5QjvHO9PzoxZyVYLzBfO2EeC3",
        "Ip3G+2kryOTIKT+l/K4w3QIDAQAB",
    ])

    /// RFC 8463 Appendix A.1: the Ed25519 private key (the RFC 8032 §7.1 test 1 seed).
    static let rfc8463Ed25519Seed = "nWGxne/9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A="

    /// RFC 8463's signing time, t=1528637909.
    static let rfc8463Time = Date(timeIntervalSince1970: 1_528_637_909)

    static var rfc8463Answers: [String: DNSAnswerTable.Answer] {
        [
            "brisbane._domainkey.football.example.com TXT": .records([.text(rfc8463Ed25519Record)]),
            "test._domainkey.football.example.com TXT": .records([.text(rfc8463RSARecord)]),
        ]
    }

    /// A verifier over `answers` whose clock says `now`.
    static func verifier(_ answers: [String: DNSAnswerTable.Answer], now: Date = rfc8463Time,
                         minimumRSAKeyBits: Int = 1024, maximumSignatures: Int = 10) -> DKIMVerifier {
        DKIMVerifier(resolver: DNSAnswerTable(answers), now: { now },
                     minimumRSAKeyBits: minimumRSAKeyBits, maximumSignatures: maximumSignatures)
    }

    /// A TXT answer with one record of one string.
    static func txt(_ text: String) -> DNSAnswerTable.Answer {
        .records([.text(TextRecord([text]))])
    }

    /// The text with its LF line ends made CRLF, as bytes.
    static func crlf(_ text: String) -> [UInt8] {
        Array(text.replacingOccurrences(of: "\n", with: "\r\n").utf8)
    }

    /// One key of each kind, made once: RSA generation is slow in debug builds.
    static let rsaKey: DKIMSigningKey = {
        // The force-try is on test set-up, not on input: generation cannot fail here.
        try! DKIMSigningKey.generate(.rsa2048)
    }()
    static let ed25519Key: DKIMSigningKey = .ed25519(.init())

    /// `message` with a signature by `key` for `domain` and `selector` in front, and the DNS
    /// answer that publishes the key.
    static func signed(_ message: [UInt8], key: DKIMSigningKey, domain: String = "example.org",
                       selector: String = "sel", at time: Date = rfc8463Time,
                       fields: [String] = DKIMSigner.defaultSignedHeaderFields) throws -> [UInt8] {
        let signer = DKIMSigner(domain: domain, selector: selector, key: key, signedHeaderFields: fields)
        return Array(try signer.signatureField(for: message, at: time).utf8) + message
    }

    static func keyAnswers(_ key: DKIMSigningKey, domain: String = "example.org", selector: String = "sel")
        -> [String: DNSAnswerTable.Answer] {
        ["\(selector)._domainkey.\(domain) TXT": .records([.text(TextRecord(key.dnsRecordStrings))])]
    }
}
