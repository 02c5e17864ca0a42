import ArgumentParser
import MailCore
import MailStore
import MartletServer

/// `martlet user add|list|remove|passwd|apop ADDRESS [--password-stdin]`
struct UserCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "user",
        abstract: "Manage mail accounts.",
        subcommands: [Add.self, List.self, Remove.self, Passwd.self, APOP.self]
    )

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create an account with its default mailboxes.",
            discussion: "Without --password-stdin the password is asked for on a terminal, or generated and printed once."
        )
        @OptionGroup var store: StoreOptions
        @OptionGroup var password: PasswordOptions
        @Argument(help: "The account's address, e.g. alice@example.org.") var address: String

        func run() async throws {
            let parsed = try AdminArguments.address(address)
            let secret = try password.obtain()
            let credential = try AccountCredential.make(password: secret.password)
            try await withStore(store) { try await $0.createAccount(parsed, credential: credential) }
            print("created account \(parsed)")
            if secret.wasGenerated { print("password: \(secret.password)") }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the accounts, of one domain or of all.")
        @OptionGroup var store: StoreOptions
        @Argument(help: "Only the accounts of this domain.") var domain: String?

        func run() async throws {
            let accounts = try await withStore(store) { try await $0.accounts(inDomain: domain) }
            for account in accounts { print(account.address) }
        }
    }

    struct Remove: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Delete an account with all its mailboxes and messages.")
        @OptionGroup var store: StoreOptions
        @Argument(help: "The account's address.") var address: String

        func run() async throws {
            let parsed = try AdminArguments.address(address)
            try await withStore(store) { try await $0.deleteAccount(parsed) }
            print("removed account \(parsed)")
        }
    }

    struct Passwd: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Set an account's password.")
        @OptionGroup var store: StoreOptions
        @OptionGroup var password: PasswordOptions
        @Argument(help: "The account's address.") var address: String

        func run() async throws {
            let parsed = try AdminArguments.address(address)
            let secret = try password.obtain()
            let credential = try AccountCredential.make(password: secret.password)
            try await withStore(store) { try await $0.setCredential(credential, for: parsed) }
            print("changed the password of \(parsed)")
            if secret.wasGenerated { print("password: \(secret.password)") }
        }
    }

    struct APOP: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "apop",
            abstract: "Set or remove an account's APOP secret (POP3 APOP, when [auth] apop = true).",
            discussion: """
                APOP (RFC 1939) needs a secret the server can read back, so it is not the login \
                password (kept only as a SCRAM verifier) but a second secret for POP3 clients \
                that use APOP. Without --password-stdin it is asked for on a terminal, or \
                generated and printed once.
                """
        )

        @OptionGroup var store: StoreOptions
        @OptionGroup var password: PasswordOptions
        @Flag(help: "Remove the secret: APOP logins of this account fail.") var remove = false
        @Argument(help: "The account's address.") var address: String

        func run() async throws {
            let parsed = try AdminArguments.address(address)
            if remove {
                try await withStore(store) { try await $0.setAPOPSecret(nil, for: parsed) }
                print("removed the APOP secret of \(parsed)")
                return
            }
            let secret = try password.obtain()
            try await withStore(store) { try await $0.setAPOPSecret(secret.password, for: parsed) }
            print("set the APOP secret of \(parsed)")
            if secret.wasGenerated { print("apop secret: \(secret.password)") }
        }
    }
}
