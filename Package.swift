// swift-tools-version:6.2
import PackageDescription

// Module map and rules: see DESIGN.md (shared with the team) and README.md.
// Dependencies point down: MailCore ← SASL, MailStore ← MartletServer ← martlet.

let package = Package(
    name: "Martlet",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "martlet", targets: ["martlet"]),
        .executable(name: "martlet-store-bench", targets: ["martlet-store-bench"]),
        .executable(name: "martlet-bench", targets: ["martlet-bench"]),
        .executable(name: "martlet-auth-bench", targets: ["martlet-auth-bench"]),
        .library(name: "MailCore", targets: ["MailCore"]),
        .library(name: "MailStore", targets: ["MailStore"]),
        .library(name: "SASL", targets: ["SASL"]),
        .library(name: "DNSResolver", targets: ["DNSResolver"]),
        .library(name: "IMAPProtocol", targets: ["IMAPProtocol"]),
        .library(name: "SMTPProtocol", targets: ["SMTPProtocol"]),
        .library(name: "POP3Protocol", targets: ["POP3Protocol"]),
        .library(name: "MailAuth", targets: ["MailAuth"]),
        .library(name: "AbuseDefense", targets: ["AbuseDefense"]),
        .library(name: "MartletServer", targets: ["MartletServer"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.3"),
        .package(url: "https://github.com/apple/swift-nio-ssl.git", from: "2.37.6"),
        .package(url: "https://github.com/apple/swift-atomics.git", from: "1.3.0"),
        .package(url: "https://github.com/apple/swift-crypto.git", from: "4.5.2"),
        .package(url: "https://github.com/apple/swift-certificates.git", from: "1.21.1"),
        .package(url: "https://github.com/apple/swift-asn1.git", from: "1.7.4"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        .package(url: "https://github.com/groue/GRDB.swift.git", from: "7.10.0"),
        .package(url: "https://github.com/LebJe/TOMLKit.git", from: "0.6.0"),
        .package(url: "https://github.com/HdrHistogram/hdrhistogram-swift.git", from: "0.2.0"),
    ],
    targets: [
        // Value types and parsers for messages: RFC 5322, MIME, encodings, IMAP ENVELOPE/BODYSTRUCTURE data.
        .target(name: "MailCore"),
        // A value guarded by a POSIX mutex (Locked), which ThreadSanitizer can check.
        .target(name: "Locking"),
        // The process's open file limit, raised for thousands of connections (server and bench).
        .target(name: "ProcessLimits"),
        // A task executor that runs tasks on a NIO event loop (server connections and bench clients).
        .target(name: "EventLoopExecution", dependencies: [.product(name: "NIOCore", package: "swift-nio")]),
        // SASL server mechanisms (PLAIN, LOGIN, SCRAM-SHA-256) and password credentials.
        .target(name: "SASL", dependencies: [
            "Locking",
            .product(name: "Crypto", package: "swift-crypto"),
            .product(name: "_CryptoExtras", package: "swift-crypto"),
        ]),
        // Stub DNS resolver over NIO: A, AAAA, MX, TXT, PTR, TLSA; UDP with TCP fallback; TTL cache.
        .target(name: "DNSResolver", dependencies: [
            "Locking",
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "NIOPosix", package: "swift-nio"),
        ]),
        // SMTP command parser, reply encoder, input framer and server session machine (sans-I/O).
        .target(name: "SMTPProtocol", dependencies: ["MailCore", "SASL"]),
        // POP3 command parser, multi-line encoder and server session machine (sans-I/O).
        // Crypto: the MD5 of APOP (RFC 1939 §7).
        .target(name: "POP3Protocol", dependencies: ["MailCore", "SASL", .product(name: "Crypto", package: "swift-crypto")]),
        // IMAP4rev2/rev1 grammar (streaming command parser with literals), response writer, session.
        .target(name: "IMAPProtocol", dependencies: ["MailCore", "MailStore", "SASL"]),
        // The durable store: protocol plus the SQLite (GRDB) implementation, blobs, change feed.
        // Atomics: the directory generation counter shared with other processes (mmap); GRDBSQLite:
        // SQLite's incremental blob reads (a message header without its whole content).
        .target(name: "MailStore", dependencies: [
            "MailCore", "Locking",
            .product(name: "GRDB", package: "GRDB.swift"),
            .product(name: "GRDBSQLite", package: "GRDB.swift"),
            .product(name: "Crypto", package: "swift-crypto"),
            .product(name: "Atomics", package: "swift-atomics"),
        ]),
        // Intake: recipient routing (no open relay), sender ownership, trace headers, local delivery,
        // sender authentication of inbound mail and DKIM signing of submitted mail;
        // outbound: retry schedule, MX planning, delivery status notifications, SRS.
        .target(name: "Delivery", dependencies: [
            "MailCore", "MailStore", "SMTPProtocol", "DNSResolver", "MailAuth", "AbuseDefense", "Locking",
            .product(name: "Crypto", package: "swift-crypto"),
        ]),
        // Sender authentication: SPF, DKIM sign and verify, DMARC, ARC, Authentication-Results.
        .target(name: "MailAuth", dependencies: [
            "MailCore", "DNSResolver",
            .product(name: "Crypto", package: "swift-crypto"),
            .product(name: "_CryptoExtras", package: "swift-crypto"),
        ]),
        // Abuse defenses (sans-I/O): rate limits, bans, DNS block lists, greylisting, the clamd
        // protocol, spam rules and the Bayesian classifier.
        .target(name: "AbuseDefense", dependencies: [
            "MailCore", "MailStore", "DNSResolver", "Locking",
        ]),
        // The system zlib (raw DEFLATE for IMAP COMPRESS, RFC 4978); .ci/run installs zlib1g-dev.
        .systemLibrary(name: "CZlib", providers: [.apt(["zlib1g-dev"])]),
        // Process-level glue: configuration, TLS material, logging, lifecycle, (later) listeners.
        .target(name: "MartletServer", dependencies: [
            "ProcessLimits", "EventLoopExecution", "MailCore", "MailStore", "SASL", "SMTPProtocol", "POP3Protocol", "IMAPProtocol", "Delivery", "MailAuth", "AbuseDefense",
            "Locking", "CZlib",
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "NIOPosix", package: "swift-nio"),
            .product(name: "NIOSSL", package: "swift-nio-ssl"),
            .product(name: "NIOTLS", package: "swift-nio"),
            .product(name: "Crypto", package: "swift-crypto"),
            .product(name: "_CryptoExtras", package: "swift-crypto"),
            .product(name: "X509", package: "swift-certificates"),
            .product(name: "SwiftASN1", package: "swift-asn1"),
            .product(name: "Logging", package: "swift-log"),
            .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            .product(name: "TOMLKit", package: "TOMLKit"),
        ]),
        .executableTarget(name: "martlet", dependencies: [
            "MartletServer", "MailAuth", "DNSResolver", "MailCore", "AbuseDefense",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),
        // Measures the store and the parser directly (no network): deliveries/s, MB/s.
        .executableTarget(name: "martlet-store-bench", dependencies: [
            "MailCore", "MailStore",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ], path: "Benchmarks/StoreBenchmark"),
        // Measures DKIM signing and verification and SPF evaluation (no network unless --dns).
        .executableTarget(name: "martlet-auth-bench", dependencies: [
            "MailAuth", "DNSResolver",
            .product(name: "NIOPosix", package: "swift-nio"),
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ], path: "Benchmarks/AuthBenchmark"),
        // Load generator for SMTP, IMAP and POP3 against any server (so it uses no Martlet protocol
        // or store module; only the Locking utility).
        .executableTarget(name: "martlet-bench", dependencies: [
            "Locking", "ProcessLimits", "EventLoopExecution",
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "NIOPosix", package: "swift-nio"),
            .product(name: "NIOSSL", package: "swift-nio-ssl"),
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
            .product(name: "Histogram", package: "hdrhistogram-swift"),
        ], path: "Benchmarks/MartletBench"),
        // A child process for the crash-safety test: delivers in a loop and prints each ack.
        .executableTarget(name: "store-crash-child", dependencies: [
            "MailCore", "MailStore",
        ], path: "Tests/StoreCrashChild"),

        // Helpers shared by the test targets: built executables, child processes, temporary folders.
        .target(name: "TestSupport", dependencies: ["Locking"], path: "Tests/TestSupport"),

        .testTarget(name: "MartletBenchTests", dependencies: [
            "martlet-bench", "Locking", "TestSupport",
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "NIOPosix", package: "swift-nio"),
        ], path: "Tests/MartletBenchTests"),
        .testTarget(name: "MailCoreTests", dependencies: ["MailCore", "TestSupport"], resources: [.copy("Messages")]),
        .testTarget(name: "SASLTests", dependencies: ["SASL"]),
        .testTarget(name: "DNSResolverTests", dependencies: [
            "DNSResolver", "TestSupport", "Locking",
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "NIOPosix", package: "swift-nio"),
        ]),
        .testTarget(name: "SMTPProtocolTests", dependencies: ["SMTPProtocol", "MailCore", "SASL", "TestSupport"]),
        .testTarget(name: "POP3ProtocolTests", dependencies: ["POP3Protocol", "MailCore", "SASL", "TestSupport"]),
        .testTarget(name: "IMAPProtocolTests", dependencies: ["IMAPProtocol", "MailCore", "MailStore", "SASL", "TestSupport"]),
        .testTarget(name: "MailStoreTests", dependencies: ["MailStore", "MailCore", "SASL", "TestSupport", "store-crash-child"]),
        .testTarget(name: "DeliveryTests", dependencies: ["Delivery", "MailStore", "MailCore", "SMTPProtocol", "DNSResolver", "MailAuth", "TestSupport", "Locking"]),
        .testTarget(name: "AbuseDefenseTests", dependencies: ["AbuseDefense", "MailCore", "MailStore", "DNSResolver", "TestSupport", "Locking"],
                    resources: [.copy("Corpus")]),
        .testTarget(name: "MailAuthTests", dependencies: ["MailAuth", "MailCore", "DNSResolver", "TestSupport", "Locking"]),
        .testTarget(name: "MartletServerTests", dependencies: ["MartletServer", "MailStore", "SASL", "TestSupport", "martlet", "Locking",
                                                             "ProcessLimits",
                                                             .product(name: "NIOEmbedded", package: "swift-nio")],
                    resources: [.copy("SMTP/smtp_interop.py"), .copy("POP3/pop3_interop.py"), .copy("POP3/pop3_imap_concurrency.py"),
                                .copy("IMAP/imap_interop.py"), .copy("IMAP/imap_sharing.py"), .copy("IMAP/imap_objectid.py"), .copy("IMAP/imap_compress.py"), .copy("Outbound/two_domains.py"),
                                .copy("SMTP/smtp_limits.py"), .copy("Support/martlet_harness.py"),
                                .copy("MailAuth/sender_authentication.py"), .copy("Abuse/abuse_defenses.py"),
                                .copy("Antivirus/antivirus.py"),
                                .copy("Spam/spam_filter.py"),
                                .copy("BlockListsAndGreylisting/block_lists.py"), .copy("BlockListsAndGreylisting/greylisting.py")]),
    ]
)
