import ArgumentParser

/// The `martlet` command line: the server (`dev`, `serve`) and the admin commands.
/// Errors print one line on stderr (`Error: …`) and exit with a non-zero status.
@main
struct MartletCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "martlet",
        abstract: "A complete mail server: SMTP, IMAP, POP3, TLS, and its administration.",
        subcommands: [
            DevCommand.self, ServeCommand.self,
            DomainCommand.self, UserCommand.self, AliasCommand.self, QueueCommand.self,
            DKIMCommand.self, DNSRecordsCommand.self, CheckCommand.self, BanCommand.self,
        ]
    )
}
