import ArgumentParser

/// `martlet-bench`: a load generator for SMTP, IMAP and POP3 servers — Martlet or any other.
@main
struct MartletBenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "martlet-bench",
        abstract: "Measure an SMTP, IMAP or POP3 server: throughput, latency percentiles, errors.",
        discussion: """
            Every run targets only --host, is bounded in time and in count, and prints a table \
            (or one JSON object with --json). Fill mailboxes first (`fill`) for imap and pop3.
            """,
        subcommands: [SMTPCommand.self, IMAPCommand.self, POP3Command.self, FillCommand.self, FloodCommand.self]
    )
}
