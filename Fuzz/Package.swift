// swift-tools-version:6.2
import PackageDescription

// libFuzzer targets for Martlet's parsers, in a package of their own so that the main
// `swift build` never sees `-sanitize=fuzzer`. Build and run one with `scripts/fuzz TARGET SECONDS`
// from the main package's root; each target's seed corpus is in Corpus/TARGET/.
//
// Each executable defines `LLVMFuzzerTestOneInput`, and its main.swift hands it to libFuzzer's
// driver (SwiftPM binds `main` to the module's entry point, so libFuzzer's own `main` is unused).

let package = Package(
    name: "MartletFuzz",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(name: "Martlet", path: ".."),
    ],
    targets: [
        // The declaration of libFuzzer's driver, which each target's main.swift runs.
        .target(name: "FuzzDriver"),
        // What the targets share: the driver call, input splitting and a deterministic SASL set-up.
        .target(name: "FuzzSupport", dependencies: ["FuzzDriver", .product(name: "SASL", package: "Martlet")]),
        // SMTP: the command parser, the reply parser, and the server session with its framer.
        .executableTarget(name: "FuzzSMTPCommand", dependencies: [
            "FuzzSupport",
            .product(name: "MailCore", package: "Martlet"),
            .product(name: "SASL", package: "Martlet"),
            .product(name: "SMTPProtocol", package: "Martlet"),
        ]),
        // IMAP: the streaming command parser (lines, literals, APPEND, IDLE, AUTHENTICATE).
        .executableTarget(name: "FuzzIMAPCommand", dependencies: [
            "FuzzSupport",
            .product(name: "IMAPProtocol", package: "Martlet"),
        ]),
        // POP3: the command parser, the multi-line encoder, and the server session.
        .executableTarget(name: "FuzzPOP3Command", dependencies: [
            "FuzzSupport",
            .product(name: "SASL", package: "Martlet"),
            .product(name: "POP3Protocol", package: "Martlet"),
        ]),
        // RFC 5322/MIME: parsing, body decoding, sections, ENVELOPE and BODYSTRUCTURE.
        .executableTarget(name: "FuzzMessageParser", dependencies: [
            "FuzzSupport",
            .product(name: "MailCore", package: "Martlet"),
            .product(name: "IMAPProtocol", package: "Martlet"),
        ]),
        // Sender authentication: SPF and DMARC records, Authentication-Results, From: domains,
        // DKIM body hashing, signing and verification, ARC chains.
        .executableTarget(name: "FuzzMailAuth", dependencies: [
            "FuzzSupport",
            .product(name: "MailAuth", package: "Martlet"),
            .product(name: "DNSResolver", package: "Martlet"),
        ]),
        // Abuse defenses: clamd replies (whole and in pieces), DNS block list answers, the spam
        // filter's inspection, tokens and rules, rates, ban keys and client networks.
        .executableTarget(name: "FuzzAbuseDefense", dependencies: [
            "FuzzSupport",
            .product(name: "AbuseDefense", package: "Martlet"),
            .product(name: "DNSResolver", package: "Martlet"),
        ]),
        // DNS: the message decoder, and the encoder on what it decoded.
        .executableTarget(name: "FuzzDNSMessage", dependencies: [
            "FuzzSupport",
            .product(name: "DNSResolver", package: "Martlet"),
        ]),
    ]
)
